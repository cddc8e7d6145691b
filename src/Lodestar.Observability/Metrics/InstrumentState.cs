using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Lodestar.Observability.Metrics;

/// <summary>
/// The aggregated series of one instrument, keyed by label set: sums for counters, last values for gauges and
/// observable instruments, cumulative buckets plus sum and count for histograms.
/// </summary>
internal sealed class InstrumentState
{
    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);

    /// <summary>Series by tags as presented: the request path's lookup, without building label text per measurement.</summary>
    private readonly ConcurrentDictionary<KeyValuePair<string, object?>[], Series> _byTags = new(TagSetComparer.Instance);
    private readonly ConcurrentDictionary<KeyValuePair<string, object?>[], Series>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _byPresentedTags;
    private readonly Lock _lock = new();
    private readonly double[] _bounds;

    public InstrumentState(Instrument instrument, InstrumentKind kind, double[] bounds)
    {
        Kind = kind;
        _bounds = bounds;
        var name = PrometheusText.MetricName(instrument.Name, instrument.Unit);
        Name = kind is InstrumentKind.Counter or InstrumentKind.ObservableCounter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
        Help = PrometheusText.Help(instrument.Description ?? instrument.Name);
        _byPresentedTags = _byTags.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
    }

    public string Name { get; }

    public string Help { get; }

    public InstrumentKind Kind { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_byPresentedTags.TryGetValue(tags, out var series))
        {
            series = SeriesOf(tags);
        }

        lock (_lock)
        {
            switch (Kind)
            {
                case InstrumentKind.Counter or InstrumentKind.UpDownCounter:
                    series.Value += value;
                    break;
                case InstrumentKind.Histogram:
                    // Buckets are stored non-cumulatively and summed when written; values above the last bound only count in +Inf.
                    var bucket = Array.BinarySearch(_bounds, value);
                    bucket = bucket >= 0 ? bucket : ~bucket;
                    if (bucket < _bounds.Length)
                    {
                        series.Buckets![bucket]++;
                    }

                    series.Sum += value;
                    series.Count++;
                    break;
                default:
                    series.Value = value;
                    break;
            }
        }
    }

    public void WriteTo(StringBuilder output)
    {
        lock (_lock)
        {
            if (_series.Count == 0)
            {
                return;
            }

            output.Append("# HELP ").Append(Name).Append(' ').Append(Help).Append('\n');
            output.Append("# TYPE ").Append(Name).Append(' ').Append(Kind.PrometheusType()).Append('\n');
            foreach (var (labels, series) in _series.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                if (Kind != InstrumentKind.Histogram)
                {
                    Sample(output, Name, labels, null, series.Value);
                    continue;
                }

                long cumulative = 0;
                for (var i = 0; i < _bounds.Length; i++)
                {
                    cumulative += series.Buckets![i];
                    Sample(output, Name + "_bucket", labels, PrometheusText.Number(_bounds[i]), cumulative);
                }

                Sample(output, Name + "_bucket", labels, "+Inf", series.Count);
                Sample(output, Name + "_sum", labels, null, series.Sum);
                Sample(output, Name + "_count", labels, null, series.Count);
            }
        }
    }

    /// <summary>First measurement with these tags (in this order): find or create the series of their label text.</summary>
    private Series SeriesOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = LabelKey(tags);
        Series? series;
        lock (_lock)
        {
            if (!_series.TryGetValue(labels, out series))
            {
                _series[labels] = series = new Series(Kind == InstrumentKind.Histogram ? new long[_bounds.Length] : null);
            }
        }

        _byPresentedTags.TryAdd(tags, series);
        return series;
    }

    private static void Sample(StringBuilder output, string name, string labels, string? le, double value)
    {
        output.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            output.Append('{').Append(labels);
            if (le is not null)
            {
                output.Append(labels.Length > 0 ? ",le=\"" : "le=\"").Append(le).Append('"');
            }

            output.Append('}');
        }

        output.Append(' ').Append(PrometheusText.Number(value)).Append('\n');
    }

    /// <summary>The label set as its exposition text, sorted by name so that tag order does not split a series.</summary>
    private static string LabelKey(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var sorted = new KeyValuePair<string, object?>[tags.Length];
        tags.CopyTo(sorted);
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var builder = new StringBuilder();
        for (var i = 0; i < sorted.Length; i++)
        {
            var name = PrometheusText.LabelName(sorted[i].Key);
            if (name == "le" || (i > 0 && name == PrometheusText.LabelName(sorted[i - 1].Key)))
            {
                // "le" is the histogram bucket label, and a label may appear only once.
                continue;
            }

            builder.Append(builder.Length > 0 ? "," : string.Empty).Append(name).Append("=\"");
            PrometheusText.AppendLabelValue(builder, Convert.ToString(sorted[i].Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            builder.Append('"');
        }

        return builder.ToString();
    }

    private sealed class Series(long[]? buckets)
    {
        public double Value { get; set; }

        public long[]? Buckets { get; } = buckets;

        public double Sum { get; set; }

        public long Count { get; set; }
    }
}
