using System.Collections.Concurrent;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Models.Monitoring;
using Lodestar.Observability;
using Lodestar.Observability.Alerts;
using Lodestar.Observability.Answers;
using Lodestar.Observability.Costs;
using Lodestar.Storage.Postgres;
using Lodestar.Storage.Postgres.Monitoring;
using Lodestar.Storage.Postgres.Observability;
using Lodestar.Storage.Tests.Monitoring;
using Lodestar.Storage.Tests.Observability;
using Lodestar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Storage.Tests.Postgres;

/// <summary>
/// What the shared observability and drift stores guarantee when several nodes (each with its own pool) run the same
/// background loops: no lost usage increments, one alert per state change, one webhook post per event, one scheduled drift run.
/// </summary>
public sealed class PostgresObservabilityMultiNodeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly PostgresTestSchema _schema = new();
    private readonly List<ServiceProvider> _nodes = [];

    [Fact]
    public async Task AddUsage_FourNodesConcurrently_LosesNoIncrement()
    {
        var nodes = Enumerable.Range(0, 4).Select(_ => new PostgresUsageStore(_schema.Open())).ToList();

        await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await node.AddAsync(UsageStoreContractTests.Call(Noon, cost: 0.000000001m));
            }
        })));

        var total = Assert.Single(await nodes[0].ReadTotalsAsync("acme", Noon, UsageGrouping.Day));
        Assert.Equal((100L, 10_000L, 100L, 0.0000001m), (total.Calls, total.InputTokens, total.Embeddings, total.Cost));
        Assert.Equal(0.0000001m, await nodes[3].SumCostAsync("acme", "k1", Noon));
    }

    [Fact]
    public async Task Budget_HardLimitReachedThroughOtherNodes_RefusesOnThisNode()
    {
        var (first, second) = (Node(), Node());
        await first.GetRequiredService<IUsageStore>().SetBudgetAsync(Budget.Create("acme", BudgetScope.Tenant, "acme", null, 1m));
        await first.GetRequiredService<IUsageStore>().AddAsync(UsageStoreContractTests.Call(DateTimeOffset.UtcNow, cost: 0.6m));
        await second.GetRequiredService<IUsageStore>().AddAsync(UsageStoreContractTests.Call(DateTimeOffset.UtcNow, cost: 0.6m));

        var error = await Assert.ThrowsAsync<LodestarException>(() => first.GetRequiredService<BudgetGuard>().CheckAsync("acme", null));

        Assert.Equal(ErrorKind.TooManyRequests, error.Kind);
    }

    [Fact]
    public async Task Evaluate_TwoNodesAtOnce_EachBreachFiresOneAlert()
    {
        var (first, second) = (Node(), Node());
        var store = first.GetRequiredService<IAlertStore>();
        for (var i = 0; i < 10; i++)
        {
            await store.SaveRuleAsync(AlertRule.Create("acme", $"grounding {i}", AlertMetric.GroundednessMean, null, 0.6, TimeSpan.FromHours(1), AlertSeverity.Critical));
        }

        await first.GetRequiredService<IAnswerRecordStore>().AddAsync(AnswerRecordStoreContractTests.Answer("a1", "acme", DateTimeOffset.UtcNow.AddMinutes(-1), groundedness: 0.2));

        var changed = await Task.WhenAll(
            Task.Run(() => first.GetRequiredService<AlertEvaluator>().EvaluateAsync()),
            Task.Run(() => second.GetRequiredService<AlertEvaluator>().EvaluateAsync()));

        Assert.Equal(10, changed.Sum());
        var events = await store.ListAsync("acme", DateTimeOffset.UtcNow.AddHours(-1), 100);
        Assert.Equal(10, events.Select(e => e.Event.Key).Distinct().Count());
        Assert.Equal(10, events.Count);
    }

    [Fact]
    public async Task DeliverPending_TwoNodesAtOnce_PostEachEventOnce()
    {
        var posted = new ConcurrentBag<long>();
        await using var receiver = new ScriptedHttpServer(async exchange =>
        {
            using (var body = JsonDocument.Parse(exchange.Body))
            {
                posted.Add(body.RootElement.GetProperty("id").GetInt64());
            }

            await exchange.ReplyAsync(204, string.Empty);
        });
        var (first, second) = (Node(), Node());
        var store = first.GetRequiredService<IAlertStore>();
        await store.AddWebhookAsync("acme", receiver.BaseUrl);
        for (var i = 0; i < 30; i++)
        {
            await store.AppendAsync(AlertStoreContractTests.Event("acme", $"k{i}", Noon));
        }

        var delivered = await Task.WhenAll(
            Task.Run(() => first.GetRequiredService<WebhookDelivery>().DeliverPendingAsync()),
            Task.Run(() => second.GetRequiredService<WebhookDelivery>().DeliverPendingAsync()));

        Assert.Equal(30, delivered.Sum());
        Assert.Equal(30, posted.Count);
        Assert.Equal(30, posted.Distinct().Count());
    }

    [Fact]
    public async Task SetFiring_TwoNodesRaceOnEveryRule_ExactlyOneWinsEach()
    {
        var (first, second) = (new PostgresAlertStore(_schema.Open()), new PostgresAlertStore(_schema.Open()));
        for (var i = 0; i < 20; i++)
        {
            await first.SaveRuleAsync(AlertStoreContractTests.Rule($"r{i}"));
        }

        var wins = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var outcomes = await Task.WhenAll(Task.Run(() => first.SetFiringAsync("acme", $"r{i}", Noon)), Task.Run(() => second.SetFiringAsync("acme", $"r{i}", Noon)));
            return outcomes.Count(won => won);
        }));

        Assert.All(wins, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task ClaimUndelivered_TwoNodesDrainAtOnce_EachEventClaimedOnce()
    {
        var (first, second) = (new PostgresAlertStore(_schema.Open()), new PostgresAlertStore(_schema.Open()));
        for (var i = 0; i < 60; i++)
        {
            await first.AppendAsync(AlertStoreContractTests.Event("acme", $"k{i}", Noon));
        }

        var claims = await Task.WhenAll(Drain(first), Drain(second));

        Assert.Equal(60, claims[0].Count + claims[1].Count);
        Assert.Equal(60, claims[0].Union(claims[1]).Distinct().Count());
    }

    [Fact]
    public async Task MarkRun_TwoSchedulersRaceForTheSameDueTime_OneRuns()
    {
        var (first, second) = (new PostgresDriftStore(_schema.Open()), new PostgresDriftStore(_schema.Open()));
        await first.SetMonitorAsync(DriftStoreContractTests.Monitor("churn", Noon));
        var seen = (await first.GetMonitorAsync("churn"))!.LastRunAt;

        var outcomes = await Task.WhenAll(
            Task.Run(() => first.MarkRunAsync("churn", seen, Noon.AddMinutes(1))),
            Task.Run(() => second.MarkRunAsync("churn", seen, Noon.AddMinutes(1).AddMilliseconds(3))));

        Assert.Single(outcomes, won => won);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            // The provider does not own the database instance the registration handed it.
            await node.GetRequiredService<PostgresDatabase>().DisposeAsync();
            await node.DisposeAsync();
        }

        await _schema.DisposeAsync();
    }

    private static async Task<List<long>> Drain(IAlertStore store)
    {
        var claimed = new List<long>();
        while (await store.ClaimUndeliveredAsync(5, 7, Noon, TimeSpan.FromMinutes(10)) is { Count: > 0 } batch)
        {
            claimed.AddRange(batch.Select(a => a.Id));
        }

        return claimed;
    }

    /// <summary>One node's observability services over the shared schema (its own pool), as <c>serve --store postgres</c> composes them.</summary>
    private ServiceProvider Node()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // The receiver is on loopback, which the webhook address filter refuses unless the operator allows it.
        services.AddSingleton(Lodestar.Core.Net.WebhookAddressPolicy.AllowingPrivate);
        services.AddObservability(Path.Combine(Path.GetTempPath(), "lodestar-no-prices"));
        services.AddPostgresStores(_schema.ConnectionString);
        var node = services.BuildServiceProvider();
        _nodes.Add(node);
        return node;
    }
}
