using Lodestar.Observability.Operations;
using Lodestar.Observability.Requests;
using Lodestar.Observability.Tests.Support;

namespace Lodestar.Observability.Tests.Operations;

public sealed class RequestLogTests
{
    [Fact]
    public async Task RecordFlushReadPrune_KeepsTenantsApartAndDropsOldSamples()
    {
        // Arrange
        using var services = new ObservabilityServices();
        var recorder = services.Get<RequestRecorder>();
        var log = services.Get<IRequestLog>();
        var now = DateTimeOffset.UtcNow;
        recorder.Record(now.AddDays(-40), "t1", "GET", "/v1/x", 200, 5);
        recorder.Record(now, "t1", "POST", "/v1/knowledge-bases/{kb}/ask", 500, 12.5);
        recorder.Record(now, "t2", "GET", "/v1/x", 200, 3);
        recorder.Record(now, null, "GET", "unmatched", 404, 1);

        // Act
        var flushed = await recorder.FlushAsync();
        var t1 = await log.ReadAsync(now.AddDays(-1), now.AddMinutes(1), "t1");
        var pruned = await log.PruneAsync(now.AddDays(-30));
        var everyone = await log.ReadAsync(now.AddDays(-60), now.AddMinutes(1), null);

        // Assert
        Assert.Equal(4, flushed);
        var sample = Assert.Single(t1);
        Assert.Equal(("/v1/knowledge-bases/{kb}/ask", 500, 12.5), (sample.Route, sample.Status, sample.DurationMs));
        Assert.Equal(1, pruned);
        Assert.Equal(3, everyone.Count);
    }

    [Fact]
    public async Task Flush_UnderLoad_KeepsABoundedSampleWhoseWeightsCountEveryRequest()
    {
        // Arrange: 3,000 fast requests and 50 slow failures of one route in one second, and one other route.
        using var services = new ObservabilityServices();
        var recorder = services.Get<RequestRecorder>();
        var second = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60);
        for (var i = 0; i < 3_000; i++)
        {
            recorder.Record(second.AddMilliseconds(i % 1_000), "t1", "POST", "/v1/endpoints/{name}/predict", 200, 1 + (i % 10));
        }

        for (var i = 0; i < 50; i++)
        {
            recorder.Record(second, "t1", "POST", "/v1/endpoints/{name}/predict", 503, 900);
        }

        recorder.Record(second, "t1", "GET", "/v1/x", 200, 5);

        // Act
        var rows = await recorder.FlushAsync();
        var series = await services.Get<IOperationsReader>().ReadAsync(new OperationsQuery(second, second.AddMinutes(1), TimeSpan.FromMinutes(1), "t1"));

        // Assert: two sampled strata and an exact one; counts and error totals are exact, percentiles come from the sample.
        Assert.Equal((2 * RequestRecorder.SamplesPerStratum) + 1, rows);
        var bucket = Assert.Single(series.Buckets);
        Assert.Equal((3_051L, 50L), (bucket.Requests, bucket.Errors));
        Assert.InRange(bucket.P50Ms, 1, 10);
        Assert.Equal(900, bucket.P99Ms);
    }
}
