using System.Diagnostics;
using Lodestar.Core;
using Lodestar.Governance.Audit;
using Lodestar.Knowledge.Documents;
using Lodestar.Models.Data;
using Lodestar.Models.Registry;
using Lodestar.Models.Training;
using Lodestar.Storage.Postgres;
using Lodestar.Storage.Postgres.Governance;
using Lodestar.Storage.Postgres.Knowledge;
using Lodestar.Storage.Postgres.Models;
using Lodestar.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lodestar.Storage.Tests.Postgres;

/// <summary>What only a shared server must guarantee: several nodes (each with its own pool) writing at once.</summary>
public sealed class PostgresMultiNodeTests : IAsyncLifetime
{
    private static readonly KnowledgeBaseId Kb = new("acme", "handbook");
    private readonly PostgresTestSchema _schema = new();

    [Fact]
    public async Task Migrate_FourNodesStartTogether_AppliesEachVersionOnce()
    {
        var nodes = Enumerable.Range(0, 4).Select(_ => _schema.Open()).ToList();

        await Task.WhenAll(nodes.Select(node => Task.Run(() => node.MigrateAsync("probe", ["CREATE TABLE probe_a (x INT)", "CREATE TABLE probe_b (x INT)"]))));

        var versions = await CountAsync("SELECT count(*) FROM schema_migrations WHERE module = 'probe'");
        Assert.Equal(2, versions);
    }

    [Fact]
    public async Task SetAlias_TwoNodesRaceFromSameRowVersion_OneWinsOtherConflicts()
    {
        var (first, second) = (new PostgresModelRegistryStore(_schema.Open()), new PostgresModelRegistryStore(_schema.Open()));
        await first.CreateVersionAsync(NewVersion(), DateTimeOffset.UnixEpoch);
        await first.CreateVersionAsync(NewVersion(), DateTimeOffset.UnixEpoch);
        var start = await first.SetAliasAsync("churn", "champion", 1, 0);

        var outcomes = await Task.WhenAll(
            Attempt(() => first.SetAliasAsync("churn", "champion", 2, start.RowVersion)),
            Attempt(() => second.SetAliasAsync("churn", "champion", 1, start.RowVersion)));

        Assert.Single(outcomes, outcome => outcome is null);
        Assert.Single(outcomes, outcome => outcome == ErrorKind.Conflict);
        Assert.Equal(start.RowVersion + 1, (await first.ListAliasesAsync("churn"))[0].RowVersion);
    }

    [Fact]
    public async Task UpsertDocument_EightConcurrentWriters_ChangeLogIsGapFree()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => new PostgresKnowledgeStore(_schema.Open())).ToList();

        await Task.WhenAll(stores.Select((store, writer) => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                var id = Kb.DocumentIdFor("/origin", $"w{writer}-{i}.md");
                var document = new KnowledgeDocument(id, Kb, "/origin", $"w{writer}-{i}.md", "t", "h", 1, "text/plain", AccessControlList.Open, DateTimeOffset.UnixEpoch);
                await store.UpsertDocumentAsync(document, [new DocumentChunk(id + "-0", id, 0, "text", "", 0, 4, 1)]);
            }
        })));

        var changes = await stores[0].ReadChangesAsync(Kb, 0, 1000);
        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), changes.Select(c => c.Sequence));
        Assert.Equal(80, await stores[0].GetLatestSequenceAsync(Kb));
    }

    [Fact]
    public async Task AuditAppend_TwoNodesInParallel_OneUnforkedChain()
    {
        using var directory = new TemporaryDirectory();
        var keyPath = directory.Combine(AuditKeyProvider.FileName);
        AuditTrail Trail() => new(new PostgresAuditStore(_schema.Open()), new AuditKeyProvider(keyPath), Options.Create(new AuditOptions { CheckpointInterval = 7 }), TimeProvider.System);
        var writers = new[] { Trail(), Trail() };
        await writers[0].AppendAsync(new AuditEvent("default", "setup", "init", "trail"));

        await Task.WhenAll(writers.Select((trail, w) => Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                await trail.AppendAsync(new AuditEvent("default", "node" + w, "doc.read", "doc:" + i));
            }
        })));

        var result = await Trail().VerifyAsync();
        Assert.True(result.Intact, result.Problem?.Message);
        Assert.Equal(61L, result.RecordsChecked);
    }

    [Fact]
    public async Task Read_ServerUnreachable_FailsFastAsUnavailable()
    {
        await using var database = new PostgresDatabase($"Host=127.0.0.1;Port={ClosedPort()};Username=lodestar;Timeout=2");
        var store = new PostgresKnowledgeStore(database);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<LodestarException>(() => store.GetLatestSequenceAsync(Kb));

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Bogus Key=1")]
    [InlineData("Username=lodestar")]
    public void Constructor_BadConnectionString_IsInvalid(string connectionString)
    {
        var error = Assert.Throws<LodestarException>(() => new PostgresDatabase(connectionString));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    private static async Task<ErrorKind?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (LodestarException error)
        {
            return error.Kind;
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_schema.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static NewModelVersion NewVersion() => new(
        "churn", "run", "gbdt", new string('b', 64),
        new ModelSignature([new InputColumn("age", ColumnKind.Numeric)], "churned", ModelTask.BinaryClassification, ["no", "yes"]),
        new Dictionary<string, double> { ["auc"] = 0.9 });
}
