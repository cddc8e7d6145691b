namespace Lodestar.Models.Serving;

/// <summary>
/// The most recent requests of one served version (a fixed ring, so memory is bounded under any load), from which
/// the stats of the last N seconds are computed on demand.
/// </summary>
internal sealed class LatencyWindow(TimeProvider time, int capacity = 4096)
{
    private readonly long[] _at = new long[capacity];
    private readonly double[] _latencyMs = new double[capacity];
    private readonly bool[] _failed = new bool[capacity];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    /// <summary>A request that ended at <paramref name="endedAt"/> (a timestamp of the window's clock, which the caller already read to time it).</summary>
    public void Record(long endedAt, double latencyMs, bool failed)
    {
        lock (_lock)
        {
            _at[_next] = endedAt;
            _latencyMs[_next] = latencyMs;
            _failed[_next] = failed;
            _next = (_next + 1) % _at.Length;
            _count = Math.Min(_count + 1, _at.Length);
        }
    }

    public WindowStats Snapshot(TimeSpan window)
    {
        var oldest = time.GetTimestamp() - (long)(window.TotalSeconds * time.TimestampFrequency);
        var latencies = new double[_at.Length];
        int requests = 0, errors = 0;
        lock (_lock)
        {
            for (var i = 0; i < _count; i++)
            {
                var slot = (_next - 1 - i + _at.Length) % _at.Length;
                if (_at[slot] < oldest)
                {
                    break;
                }

                latencies[requests++] = _latencyMs[slot];
                errors += _failed[slot] ? 1 : 0;
            }
        }

        if (requests == 0)
        {
            return new WindowStats(0, 0, 0, 0);
        }

        var span = latencies.AsSpan(0, requests);
        span.Sort();
        return new WindowStats(requests, errors, Rank(span, 0.50), Rank(span, 0.99));
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    internal static double Rank(ReadOnlySpan<double> sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
