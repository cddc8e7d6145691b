using Lodestar.Core;
using Lodestar.Models.Scoring;
using Lodestar.Models.Serving;

namespace Lodestar.Storage.Tests.Models;

/// <summary>What every serving store (endpoints, prediction log, scoring jobs) must do; one subclass per backend.</summary>
public abstract class ServingStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, 123, TimeSpan.Zero);

    /// <summary>A store over the backend's one database; each call is another handle (for PostgreSQL, another node's pool).</summary>
    protected abstract ServingStores CreateStores();

    [Fact]
    public async Task SaveAsync_New_RoundTripsWithRowVersionOne()
    {
        var store = CreateStores().Endpoints;
        var deployment = Deployment("churn-api") with { Canary = new ServedVersion("churn", 2, new FaultInjection(DelayMs: 5)), CanaryWeight = 10 };

        var saved = await store.SaveAsync(deployment, 0);

        Assert.Equal(1, saved.RowVersion);
        Assert.Equal(saved, await store.GetAsync("acme", "churn-api"));
        Assert.Equal(1, await store.GetRowVersionAsync("acme", "churn-api"));
    }

    [Fact]
    public async Task SaveAsync_StaleRowVersion_ConflictsAndKeepsTheWinner()
    {
        var store = CreateStores().Endpoints;
        var first = await store.SaveAsync(Deployment("churn-api"), 0);
        var second = await store.SaveAsync(first with { Primary = new ServedVersion("churn", 2) }, first.RowVersion);

        var stale = await Assert.ThrowsAsync<LodestarException>(() => store.SaveAsync(first with { Primary = new ServedVersion("churn", 3) }, first.RowVersion));
        var recreate = await Assert.ThrowsAsync<LodestarException>(() => store.SaveAsync(Deployment("churn-api"), 0));

        Assert.Equal((ErrorKind.Conflict, ErrorKind.Conflict), (stale.Kind, recreate.Kind));
        Assert.Equal(second, await store.GetAsync("acme", "churn-api"));
    }

    [Fact]
    public async Task SaveAsync_TwoHandlesRaceFromSameRowVersion_ExactlyOneWins()
    {
        var (a, b) = (CreateStores().Endpoints, CreateStores().Endpoints);
        var current = await a.SaveAsync(Deployment("churn-api"), 0);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await (i % 2 == 0 ? a : b).SaveAsync(current with { Primary = new ServedVersion("churn", 10 + i) }, current.RowVersion);
                return true;
            }
            catch (LodestarException error) when (error.Kind == ErrorKind.Conflict)
            {
                return false;
            }
        })));

        Assert.Single(outcomes, won => won);
        Assert.Equal(2, await b.GetRowVersionAsync("acme", "churn-api"));
    }

    [Fact]
    public async Task ListAsync_OnlyTheTenantsEndpoints_ByName()
    {
        var store = CreateStores().Endpoints;
        await store.SaveAsync(Deployment("zeta"), 0);
        await store.SaveAsync(Deployment("alpha"), 0);
        await store.SaveAsync(Deployment("alpha") with { TenantId = "globex" }, 0);

        Assert.Equal(["alpha", "zeta"], (await store.ListAsync("acme")).Select(d => d.Name));
        Assert.Null(await store.GetAsync("globex", "zeta"));
        Assert.Equal(0, await store.GetRowVersionAsync("globex", "zeta"));
    }

    [Fact]
    public async Task ReadAsync_FiltersByVersionAndTime_NewestLimitOldestFirst()
    {
        var log = CreateStores().Log;
        var rows = Enumerable.Range(0, 6).Select(i => Prediction(i, version: i < 3 ? 1 : 2)).ToList();
        await log.AppendAsync(rows);
        await log.AppendAsync([Prediction(9, version: 1) with { Endpoint = "other" }]);

        var all = await log.ReadAsync(new PredictionLogQuery("acme", "churn-api"));
        var newest = await log.ReadAsync(new PredictionLogQuery("acme", "churn-api", Limit: 2));
        var version1 = await log.ReadAsync(new PredictionLogQuery("acme", "churn-api", Model: "churn", Version: 1));
        var window = await log.ReadAsync(new PredictionLogQuery("acme", "churn-api", Since: Now.AddSeconds(2), Until: Now.AddSeconds(4)));

        Assert.Equal(rows, all, PredictionComparer.Instance);
        Assert.Equal(rows[4..], newest, PredictionComparer.Instance);
        Assert.Equal(rows[..3], version1, PredictionComparer.Instance);
        Assert.Equal(rows[2..4], window, PredictionComparer.Instance);
        Assert.Empty(await log.ReadAsync(new PredictionLogQuery("globex", "churn-api")));
    }

    [Fact]
    public async Task ReadAsync_LimitBelowOne_IsInvalid()
    {
        var log = CreateStores().Log;

        var error = await Assert.ThrowsAsync<LodestarException>(() => log.ReadAsync(new PredictionLogQuery("acme", "churn-api", Limit: 0)));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public async Task SaveJobAsync_Checkpoints_ReplaceAndListNewestFirst()
    {
        var (writer, reader) = (CreateStores().Jobs, CreateStores().Jobs);
        var first = Job("job_a", Now);
        await writer.SaveJobAsync(first);
        await writer.SaveJobAsync(Job("job_b", Now.AddMinutes(1)));
        await writer.SaveJobAsync(Job("job_c", Now.AddMinutes(2)) with { TenantId = "globex" });

        var checkpoint = first with { RowsDone = 4096, UpdatedAt = Now.AddMinutes(5) };
        await writer.SaveJobAsync(checkpoint);

        Assert.Equal(checkpoint, await reader.GetJobAsync("job_a"));
        Assert.Equal(["job_a", "job_b"], (await reader.ListJobsAsync("acme")).Select(j => j.Id));
        Assert.Null(await reader.GetJobAsync("job_missing"));
    }

    private static EndpointDeployment Deployment(string name) =>
        new("acme", name, new ServedVersion("churn", 1), null, 0, null, null, new EndpointSlo(), 64, 1, 512, 0.5, null, Now);

    private static LoggedPrediction Prediction(int i, int version) =>
        new("acme", "churn-api", "churn", version, Now.AddSeconds(i), new Dictionary<string, string?> { ["age"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["plan"] = null }, i / 10.0);

    private static ScoringJob Job(string id, DateTimeOffset at) =>
        new(id, "acme", "churn", 1, "/data/in.csv", new string('a', 64), "/data/out.csv", 4096, 10_000, 0, ScoringJobStatus.Running, null, at, at);

    /// <summary>Records compare their input dictionaries by reference; rows are equal when every field and input is.</summary>
    private sealed class PredictionComparer : IEqualityComparer<LoggedPrediction>
    {
        public static readonly PredictionComparer Instance = new();

        public bool Equals(LoggedPrediction? x, LoggedPrediction? y) =>
            x is not null && y is not null && x with { Inputs = y.Inputs } == y && x.Inputs.OrderBy(p => p.Key).SequenceEqual(y.Inputs.OrderBy(p => p.Key));

        public int GetHashCode(LoggedPrediction obj) => obj.At.GetHashCode();
    }
}
