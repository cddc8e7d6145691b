using System.Diagnostics.Metrics;
using Lodestar.Observability.Metrics;

namespace Lodestar.Observability.Tests.Metrics;

/// <summary>Measurements find their series by the tags as presented; the label text must still decide what is one series.</summary>
public sealed class SeriesLookupTests
{
    [Fact]
    public void Scrape_SameLabelsInAnotherOrderOrEqualBoxedValues_CountInOneSeries()
    {
        // Arrange
        var meterName = "Lodestar.Test." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        using var exporter = new PrometheusExporter(m => m.Name == meterName);
        var requests = meter.CreateCounter<long>("test.requests");

        // Act: one label set in two orders, a status given as two separately boxed ints, and a different value.
        requests.Add(1, new("route", "/a"), new("status", 200));
        requests.Add(2, new("status", 200), new("route", "/a"));
        requests.Add(4, new("route", "/a"), new("status", (object)200));
        requests.Add(8, new("route", "/a"), new("status", 500));
        requests.Add(16, new("route", "/a"), new("status", "200"));
        var samples = PrometheusTextParser.Parse(exporter.Scrape())["test_requests_total"].Samples;

        // Assert: the string "200" prints like the int 200, so it joins that series too.
        Assert.Equal(2, samples.Count);
        Assert.Equal(23, samples.Single(s => s.Labels["status"] == "200").Value);
        Assert.Equal(8, samples.Single(s => s.Labels["status"] == "500").Value);
    }

    [Fact]
    public void Scrape_ManyThreadsRecordingNewAndKnownLabels_LosesNoMeasurement()
    {
        // Arrange
        var meterName = "Lodestar.Test." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        using var exporter = new PrometheusExporter(m => m.Name == meterName);
        var duration = meter.CreateHistogram<double>("test.duration", "s");

        // Act: four threads race to create the same 50 series and keep recording into them.
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                duration.Record(0.01, new KeyValuePair<string, object?>("route", "/r" + (i % 50)));
            }
        });
        var counts = PrometheusTextParser.Parse(exporter.Scrape())["test_duration_seconds"].Samples
            .Where(s => s.Name == "test_duration_seconds_count").ToList();

        // Assert
        Assert.Equal(50, counts.Count);
        Assert.All(counts, c => Assert.Equal(400, c.Value));
    }
}
