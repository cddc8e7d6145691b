using System.Text.Json;
using Lodestar.Cli.Tests.Governance;
using Lodestar.Core;
using Lodestar.Observability.Answers;
using Lodestar.Observability.Costs;
using Lodestar.Server.Composition;
using Lodestar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Cli.Tests.Observability;

/// <summary>CLI asks go through the same budgets and answer records as HTTP asks.</summary>
[Collection("Console")]
public sealed class AskAccountingTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly TemporaryDirectory _documents = new();

    public AskAccountingTests()
    {
        Environment.SetEnvironmentVariable("LODESTAR_EMBEDDINGS", "none");
        _documents.Write("security/api-keys.md", "# API keys\n\n## Rotating\n\nTo rotate an API key, open the console and choose Keys.\n");
    }

    [Fact]
    public async Task Ask_AsTheLocalAdministrator_RecordsTheAnswerAndChargesTheUsage()
    {
        await _cli.RunAsync("ingest", _documents.Path, "--json");

        var (exitCode, output, error) = await _cli.RunAsync("ask", "How do I rotate an API key?", "--json");

        Assert.True(exitCode == 0, error);
        using var answer = JsonDocument.Parse(output);
        var answerId = answer.RootElement.GetProperty("answerId").GetString()!;
        await using var services = Services();
        var record = await services.GetRequiredService<IAnswerRecordStore>().GetAsync(Principal.DefaultTenant, answerId);
        Assert.NotNull(record);
        Assert.Equal("admin", record.UserId);
        Assert.True(record.Answered);
        Assert.NotEmpty(record.Citations);
        var byUser = await services.GetRequiredService<IUsageStore>().ReadTotalsAsync(Principal.DefaultTenant, DateTimeOffset.UnixEpoch, UsageGrouping.User);
        Assert.Contains(byUser, total => total.Group == "admin" && total.Calls >= 1);
    }

    [Fact]
    public async Task Ask_WhenTheTenantsHardLimitIsReached_FailsWithOneLineAndNonZeroExit()
    {
        await _cli.RunAsync("ingest", _documents.Path, "--json");
        await using (var services = Services())
        {
            var usage = services.GetRequiredService<IUsageStore>();
            await usage.SetBudgetAsync(Budget.Create(Principal.DefaultTenant, BudgetScope.Tenant, Principal.DefaultTenant, null, 1m));
            await usage.AddAsync(new UsageEntry(DateTimeOffset.UtcNow, Principal.DefaultTenant, "admin", null, "default", "gpt-test", 1000, 1000, 0, 2m));
        }

        var (exitCode, output, error) = await _cli.RunAsync("ask", "How do I rotate an API key?");

        Assert.Equal(CliRunner.Failure, exitCode);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: the tenant 'default' budget", line, StringComparison.Ordinal);
        Assert.Contains("used up", line, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _cli.Dispose();
        _documents.Dispose();
    }

    private ServiceProvider Services() =>
        new ServiceCollection().AddLodestar(new LodestarHostOptions { DataDirectory = _cli.DataDirectory, Embeddings = EmbeddingSource.None }).BuildServiceProvider();
}
