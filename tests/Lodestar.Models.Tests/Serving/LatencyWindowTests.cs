using Lodestar.Models.Serving;

namespace Lodestar.Models.Tests.Serving;

public sealed class LatencyWindowTests
{
    [Fact]
    public void Snapshot_P99_IsTheNearestRankPercentile()
    {
        var time = new ManualTimeProvider();
        var window = new LatencyWindow(time);
        var random = new Random(3);
        var latencies = Enumerable.Range(0, 500).Select(_ => random.NextDouble() * 100).ToList();
        latencies.ForEach(latency => window.Record(time.GetTimestamp(), latency, failed: false));

        var stats = window.Snapshot(TimeSpan.FromSeconds(60));

        var sorted = latencies.Order().ToList();
        Assert.Equal(500, stats.Requests);
        Assert.Equal(sorted[494], stats.P99Ms);
        Assert.Equal(sorted[249], stats.P50Ms);
    }

    [Fact]
    public void Snapshot_OnlyCountsRequestsInsideTheWindow()
    {
        var time = new ManualTimeProvider();
        var window = new LatencyWindow(time);
        for (var i = 0; i < 10; i++)
        {
            window.Record(time.GetTimestamp(), 500, failed: true);
        }

        time.Advance(TimeSpan.FromSeconds(61));
        for (var i = 0; i < 4; i++)
        {
            window.Record(time.GetTimestamp(), 5, failed: i == 0);
        }

        var stats = window.Snapshot(TimeSpan.FromSeconds(60));

        Assert.Equal(4, stats.Requests);
        Assert.Equal(1, stats.Errors);
        Assert.Equal(0.25, stats.ErrorRate);
        Assert.Equal(5, stats.P99Ms);
    }

    [Fact]
    public void Record_PastCapacity_KeepsTheNewest()
    {
        var time = new ManualTimeProvider();
        var window = new LatencyWindow(time, capacity: 8);
        for (var i = 1; i <= 20; i++)
        {
            window.Record(time.GetTimestamp(), i, failed: false);
        }

        var stats = window.Snapshot(TimeSpan.FromSeconds(60));

        Assert.Equal(8, stats.Requests);
        Assert.Equal(20, stats.P99Ms);
    }
}
