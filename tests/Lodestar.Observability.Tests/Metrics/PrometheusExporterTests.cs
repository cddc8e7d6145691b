using System.Diagnostics.Metrics;
using Lodestar.Observability.Metrics;

namespace Lodestar.Observability.Tests.Metrics;

public sealed class PrometheusExporterTests
{
    [Fact]
    public void Scrape_AllInstrumentKinds_ParsesStrictlyWithExpectedValues()
    {
        // Arrange: a meter of our own, so other tests' measurements do not interfere.
        var meterName = "Lodestar.Test." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        using var exporter = new PrometheusExporter(m => m.Name == meterName);
        var requests = meter.CreateCounter<long>("test.requests", "{request}", "Requests served.");
        var inflight = meter.CreateUpDownCounter<int>("test.inflight", "{request}", "Requests in flight.");
        var temperature = meter.CreateGauge<double>("test.temperature", "Cel", "Last reading.");
        var duration = meter.CreateHistogram<double>("test.duration", "s", "Latency.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1, 10] });
        meter.CreateObservableGauge("test.queue", () => 7L, "{item}", "Queued items.");

        // Act
        requests.Add(2, new KeyValuePair<string, object?>("route", "/v1/a"));
        requests.Add(3, new KeyValuePair<string, object?>("route", "/v1/a"));
        requests.Add(1, new KeyValuePair<string, object?>("route", "/v1/b"));
        inflight.Add(4);
        inflight.Add(-1);
        temperature.Record(21.5);
        temperature.Record(19.25);
        foreach (var seconds in new[] { 0.05, 0.5, 0.7, 5, 50 })
        {
            duration.Record(seconds, new KeyValuePair<string, object?>("route", "/x"));
        }

        var families = PrometheusTextParser.Parse(exporter.Scrape());

        // Assert
        var counter = families["test_requests_total"];
        Assert.Equal("counter", counter.Type);
        Assert.Equal("Requests served.", counter.Help);
        Assert.Equal(5, counter.Samples.Single(s => s.Labels["route"] == "/v1/a").Value);
        Assert.Equal(1, counter.Samples.Single(s => s.Labels["route"] == "/v1/b").Value);
        Assert.Equal(("gauge", 3.0), (families["test_inflight"].Type, families["test_inflight"].Samples.Single().Value));
        Assert.Equal(19.25, families["test_temperature_Cel"].Samples.Single().Value);
        Assert.Equal(7, families["test_queue"].Samples.Single().Value);
        var histogram = families["test_duration_seconds"];
        Assert.Equal("histogram", histogram.Type);
        var buckets = histogram.Samples.Where(s => s.Name == "test_duration_seconds_bucket").ToDictionary(s => s.Labels["le"], s => s.Value);
        Assert.Equal(new Dictionary<string, double> { ["0.1"] = 1, ["1"] = 3, ["10"] = 4, ["+Inf"] = 5 }, buckets);
        Assert.Equal(56.25, histogram.Samples.Single(s => s.Name == "test_duration_seconds_sum").Value, 9);
        Assert.Equal(5, histogram.Samples.Single(s => s.Name == "test_duration_seconds_count").Value);
    }

    [Fact]
    public void Scrape_LabelValuesWithQuotesBackslashesAndNewlines_RoundTripThroughTheParser()
    {
        // Arrange
        var meterName = "Lodestar.Test." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        using var exporter = new PrometheusExporter(m => m.Name == meterName);
        var counter = meter.CreateCounter<long>("test.odd", null, "Help with a \\ backslash\nand a newline.");
        const string Odd = "a \"quoted\" C:\\path\nnext line";

        // Act
        counter.Add(1, new KeyValuePair<string, object?>("value", Odd), new KeyValuePair<string, object?>("bad-name.x", "y"), new KeyValuePair<string, object?>("le", "dropped"));
        var text = exporter.Scrape();
        var family = PrometheusTextParser.Parse(text)["test_odd_total"];

        // Assert
        var sample = Assert.Single(family.Samples);
        Assert.Equal(Odd, sample.Labels["value"]);
        Assert.Equal("y", sample.Labels["bad_name_x"]);
        Assert.False(sample.Labels.ContainsKey("le"));
        Assert.Equal("Help with a \\ backslash\nand a newline.", family.Help);
    }

    [Fact]
    public void Scrape_TagOrder_DoesNotSplitASeries()
    {
        // Arrange
        var meterName = "Lodestar.Test." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        using var exporter = new PrometheusExporter(m => m.Name == meterName);
        var counter = meter.CreateCounter<long>("test.ordered");

        // Act
        counter.Add(1, new KeyValuePair<string, object?>("a", "1"), new KeyValuePair<string, object?>("b", "2"));
        counter.Add(1, new KeyValuePair<string, object?>("b", "2"), new KeyValuePair<string, object?>("a", "1"));

        // Assert
        Assert.Equal(2, Assert.Single(PrometheusTextParser.Parse(exporter.Scrape())["test_ordered_total"].Samples).Value);
    }

    [Theory]
    [InlineData("lodestar.retrieval.duration", "s", "lodestar_retrieval_duration_seconds")]
    [InlineData("lodestar.ingest.bytes", "By", "lodestar_ingest_bytes")]
    [InlineData("lodestar.tokens", "{token}", "lodestar_tokens")]
    [InlineData("lodestar.answer.groundedness", null, "lodestar_answer_groundedness")]
    [InlineData("9lives-x", "1", "_lives_x_ratio")]
    public void MetricName_OpenTelemetryNameAndUnit_FollowsPrometheusConventions(string name, string? unit, string expected)
    {
        // Act
        var actual = PrometheusText.MetricName(name, unit);

        // Assert
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("metric{a=\"1\"} 1\nmetric{a=\"1\"} 2\n")]
    [InlineData("# TYPE m counter\nm -1\n")]
    [InlineData("m{a=\"x\\q\"} 1\n")]
    [InlineData("m 1\nother 1\nm 2\n")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n")]
    [InlineData("m{a=\"1\" 1\n")]
    [InlineData("m 1")]
    public void Parser_InvalidExposition_IsRejected(string text)
    {
        // Act and Assert: the validator must be able to fail, or passing it proves nothing.
        Assert.Throws<FormatException>(() => PrometheusTextParser.Parse(text));
    }
}
