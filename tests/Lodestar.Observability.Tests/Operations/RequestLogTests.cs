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
        recorder.Record(new RequestSample(now.AddDays(-40), "t1", "GET", "/v1/x", 200, 5));
        recorder.Record(new RequestSample(now, "t1", "POST", "/v1/knowledge-bases/{kb}/ask", 500, 12.5));
        recorder.Record(new RequestSample(now, "t2", "GET", "/v1/x", 200, 3));
        recorder.Record(new RequestSample(now, null, "GET", "unmatched", 404, 1));

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
}
