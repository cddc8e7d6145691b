using Lodestar.Models.Tracking;

namespace Lodestar.Models.Tests.Tracking;

public sealed class RunComparisonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_TwoRuns_AlignsParamsAndLatestMetrics()
    {
        var a = Run("a", new() { ["lr"] = "0.1" }, ("loss", 0, 0.9), ("loss", 2, 0.2), ("loss", 1, 0.5));
        var b = Run("b", new() { ["depth"] = "6" }, ("auc", 0, 0.8));

        var comparison = RunComparison.Of([a, b]);

        Assert.Equal(["0.1", null], comparison.Params["lr"]);
        Assert.Equal([null, "6"], comparison.Params["depth"]);
        Assert.Equal([0.2, null], comparison.Metrics["loss"]);
        Assert.Equal([null, 0.8], comparison.Metrics["auc"]);
        Assert.Equal([0L, 1L, 2L], comparison.Curves["loss"]["a"].Select(p => p.Step));
        Assert.Empty(comparison.Curves["loss"]["b"]);
    }

    [Fact]
    public void Latest_SameStepLoggedTwice_LaterWins()
    {
        var run = Run("a", [], ("loss", 3, 0.4), ("loss", 3, 0.3));

        Assert.Equal(0.3, RunComparison.Latest(run, "loss")!.Value);
        Assert.Null(RunComparison.Latest(run, "auc"));
    }

    private static Run Run(string id, Dictionary<string, string> parameters, params (string Key, long Step, double Value)[] metrics) =>
        new(id, "e", id, RunStatus.Finished, At, At, "", "", parameters, metrics.Select(m => new MetricPoint(m.Key, m.Value, m.Step, At)).ToList(), new Dictionary<string, string>());
}
