using Lodestar.Core;
using Lodestar.Models.Tracking;

namespace Lodestar.Storage.Tests.Models;

/// <summary>What every <see cref="ITrackingStore"/> must do; one subclass per backend.</summary>
public abstract class TrackingStoreContractTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    protected abstract ITrackingStore CreateStore();

    [Fact]
    public async Task GetOrCreateExperiment_SameName_ReturnsSameExperiment()
    {
        var store = CreateStore();

        var first = await store.GetOrCreateExperimentAsync("churn");
        var second = await store.GetOrCreateExperimentAsync("churn");

        Assert.Equal(first.Id, second.Id);
        Assert.Single(await store.ListExperimentsAsync());
    }

    [Fact]
    public async Task Run_FullLifecycle_RoundTripsEverything()
    {
        var store = CreateStore();
        var experiment = await store.GetOrCreateExperimentAsync("churn");

        await store.StartRunAsync("run1", experiment.Id, "gbdt", new string('a', 64), "1.0.0", Start);
        await store.LogParamsAsync("run1", new Dictionary<string, string> { ["lr"] = "0.1", ["leaves"] = "31" });
        await store.LogMetricsAsync("run1", [new MetricPoint("loss", 0.5, 1, Start), new MetricPoint("loss", 0.4, 2, Start), new MetricPoint("auc", 0.9, 0, Start)]);
        await store.SetTagsAsync("run1", new Dictionary<string, string> { ["owner"] = "ml" });
        await store.EndRunAsync("run1", RunStatus.Finished, Start.AddMinutes(1));
        var run = await store.GetRunAsync("run1");

        Assert.NotNull(run);
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal(Start, run.StartedAt);
        Assert.Equal(Start.AddMinutes(1), run.EndedAt);
        Assert.Equal(new string('a', 64), run.DatasetSha256);
        Assert.Equal("0.1", run.Params["lr"]);
        Assert.Equal("ml", run.Tags["owner"]);
        Assert.Equal([0.5, 0.4], run.Metrics.Where(m => m.Key == "loss").OrderBy(m => m.Step).Select(m => m.Value));
        Assert.Equal(3, run.Metrics.Count);
    }

    [Fact]
    public async Task LogParams_DifferentValueForSameKey_Conflicts()
    {
        var store = CreateStore();
        var experiment = await store.GetOrCreateExperimentAsync("e");
        await store.StartRunAsync("r", experiment.Id, "n", "sha", "v", Start);
        await store.LogParamsAsync("r", new Dictionary<string, string> { ["lr"] = "0.1" });

        await store.LogParamsAsync("r", new Dictionary<string, string> { ["lr"] = "0.1" });
        var error = await Assert.ThrowsAsync<LodestarException>(() => store.LogParamsAsync("r", new Dictionary<string, string> { ["lr"] = "0.2" }));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task LogMetrics_AfterRunEnded_Conflicts()
    {
        var store = CreateStore();
        var experiment = await store.GetOrCreateExperimentAsync("e");
        await store.StartRunAsync("r", experiment.Id, "n", "sha", "v", Start);
        await store.EndRunAsync("r", RunStatus.Failed, Start);

        var error = await Assert.ThrowsAsync<LodestarException>(() => store.LogMetricsAsync("r", [new MetricPoint("auc", 1, 0, Start)]));
        var again = await Assert.ThrowsAsync<LodestarException>(() => store.EndRunAsync("r", RunStatus.Finished, Start));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal(ErrorKind.Conflict, again.Kind);
    }

    [Fact]
    public async Task LogMetrics_UnknownRun_NotFound()
    {
        var store = CreateStore();

        var error = await Assert.ThrowsAsync<LodestarException>(() => store.LogMetricsAsync("missing", [new MetricPoint("auc", 1, 0, Start)]));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Null(await store.GetRunAsync("missing"));
    }

    [Fact]
    public async Task ListRuns_TwoRuns_NewestFirst()
    {
        var store = CreateStore();
        var experiment = await store.GetOrCreateExperimentAsync("e");
        await store.StartRunAsync("old", experiment.Id, "n", "sha", "v", Start);
        await store.StartRunAsync("new", experiment.Id, "n", "sha", "v", Start.AddHours(1));

        var runs = await store.ListRunsAsync(experiment.Id);

        Assert.Equal(["new", "old"], runs.Select(r => r.Id));
    }
}
