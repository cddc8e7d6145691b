using Lodestar.Models.Monitoring;

namespace Lodestar.Storage.Tests.Monitoring;

/// <summary>What every <see cref="IDriftStore"/> must do; one subclass per backend.</summary>
public abstract class DriftStoreContractTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    protected abstract IDriftStore CreateStore();

    internal static DriftMonitor Monitor(string model, DateTimeOffset? lastRunAt = null) =>
        new(model, "acme", "champion", "/data/current.csv", 60, [new DriftRule(DriftRule.Alert), new DriftRule(DriftRule.Webhook, "age", "https://hooks.example/drift")], "alice", LastRunAt: lastRunAt);

    private static StoredDriftReport Report(string id, string model, DateTimeOffset at) =>
        new(id, model, 2, "current.csv", at, "alice", new DriftReport(true, 0.5, new Dictionary<string, ColumnDrift>()), [new DriftActionOutcome(DriftRule.Alert, true, "raised")]);

    [Fact]
    public async Task SaveReport_ThenGetAndList_NewestFirstPerModel()
    {
        var store = CreateStore();
        await store.SaveReportAsync(Report("r1", "churn", Noon));
        await store.SaveReportAsync(Report("r2", "churn", Noon.AddMinutes(1)));
        await store.SaveReportAsync(Report("r3", "churn", Noon.AddMinutes(1)));
        await store.SaveReportAsync(Report("other", "fraud", Noon.AddHours(1)));

        var listed = await store.ListReportsAsync("churn", 2);
        var read = await store.GetReportAsync("r1");

        Assert.Equal(["r3", "r2"], listed.Select(r => r.Id));
        Assert.NotNull(read);
        Assert.Equal((Noon, 2, true, 0.5), (read.CreatedAt, read.Version, read.Report.DatasetDrift, read.Report.DriftedShare));
        Assert.Equal("raised", Assert.Single(read.Actions).Outcome);
        Assert.Null(await store.GetReportAsync("missing"));
    }

    [Fact]
    public async Task SetMonitor_Replace_ListsOnePerModel()
    {
        var store = CreateStore();
        await store.SetMonitorAsync(Monitor("fraud"));
        await store.SetMonitorAsync(Monitor("churn"));
        await store.SetMonitorAsync(Monitor("churn") with { IntervalSeconds = 3600 });

        var listed = await store.ListMonitorsAsync();
        var churn = await store.GetMonitorAsync("churn");

        Assert.Equal(["churn", "fraud"], listed.Select(m => m.Model));
        Assert.Equal(3600, churn!.IntervalSeconds);
        Assert.Equal(Monitor("churn").Rules, churn.Rules);
        Assert.Null(await store.GetMonitorAsync("missing"));
    }

    [Fact]
    public async Task MarkRun_FromTheLastRunSeen_ClaimsOnceThenDeclines()
    {
        var store = CreateStore();
        await store.SetMonitorAsync(Monitor("churn"));

        var first = await store.MarkRunAsync("churn", null, Noon);
        var stale = await store.MarkRunAsync("churn", null, Noon.AddSeconds(1));
        var next = await store.MarkRunAsync("churn", Noon, Noon.AddMinutes(1));
        var missing = await store.MarkRunAsync("fraud", null, Noon);

        Assert.Equal((true, false, true, false), (first, stale, next, missing));
        Assert.Equal(Noon.AddMinutes(1), (await store.GetMonitorAsync("churn"))!.LastRunAt);
    }
}
