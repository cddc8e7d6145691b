namespace Lodestar.Observability.Operations;

/// <summary>Nearest-rank percentiles (the value at rank ⌈p·n⌉), the definition SLO tooling states thresholds in.</summary>
internal static class Percentiles
{
    /// <summary>Sorts <paramref name="values"/> in place and returns its p50, p95 and p99; zeros when empty.</summary>
    public static (double P50, double P95, double P99) Of(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return (0, 0, 0);
        }

        values.Sort();
        return (At(values, 0.50), At(values, 0.95), At(values, 0.99));
    }

    /// <summary>The nearest-rank percentile of already sorted values.</summary>
    public static double At(ReadOnlySpan<double> sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
