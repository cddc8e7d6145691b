using System.Diagnostics.Metrics;

namespace Lodestar.Server.Observability;

/// <summary>The HTTP server's metrics: request latency per route template, method, status class and tenant.</summary>
public static class ServerTelemetry
{
    public const string Name = "Lodestar.Server";

    private static readonly Meter Meter = new(Name);

    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        "lodestar.http.server.duration", "s", "HTTP request latency by route template, method, status class and tenant.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30] });
}
