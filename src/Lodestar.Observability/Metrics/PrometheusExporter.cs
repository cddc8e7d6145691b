using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Lodestar.Observability.Metrics;

/// <summary>
/// Aggregates the measurements of Lodestar's meters (every meter named <c>Lodestar.*</c>) through a
/// <see cref="MeterListener"/> and writes them in the Prometheus text exposition format 0.0.4 for <c>GET /metrics</c>.
/// Counters become <c>_total</c> counters, up-down counters and gauges become gauges, histograms get cumulative
/// <c>_bucket{le=…}</c> series with <c>_sum</c> and <c>_count</c>.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>Bounds for histograms without advice: seconds from 5 ms to 60 s (most Lodestar histograms are durations).</summary>
    private static readonly double[] DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Bounds for unit-less histograms, whose values are ratios in [0,1] (groundedness).</summary>
    private static readonly double[] RatioBounds = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();
    private readonly Func<Meter, bool> _accept;

    public PrometheusExporter(Func<Meter, bool>? accept = null)
    {
        _accept = accept ?? (meter => meter.Name.StartsWith("Lodestar.", StringComparison.Ordinal));
        _listener.InstrumentPublished = Publish;
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentState? _);
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.Start();
    }

    public static string ContentType => PrometheusText.ContentType;

    /// <summary>Collects observable instruments, then writes every metric family that has at least one series.</summary>
    public string Scrape()
    {
        _listener.RecordObservableInstruments();
        var output = new StringBuilder(4096);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in _instruments.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            // Two instruments mapping to one family name would make the exposition invalid: the first one wins.
            if (written.Add(state.Name))
            {
                state.WriteTo(output);
            }
        }

        return output.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Publish(Instrument instrument, MeterListener listener)
    {
        if (!_accept(instrument.Meter) || InstrumentKinds.Of(instrument) is not { } kind)
        {
            return;
        }

        var state = _instruments.GetOrAdd(instrument, i => new InstrumentState(i, kind, BoundsOf(i)));
        listener.EnableMeasurementEvents(instrument, state);
    }

    private static double[] BoundsOf(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } advised } => [.. advised],
        Histogram<long> { Advice.HistogramBucketBoundaries: { Count: > 0 } advised } => [.. advised.Select(b => (double)b)],
        _ when string.IsNullOrEmpty(instrument.Unit) => RatioBounds,
        _ => DefaultBounds,
    };
}
