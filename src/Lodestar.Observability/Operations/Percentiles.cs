namespace Lodestar.Observability.Operations;

/// <summary>Nearest-rank percentiles (the value at rank ⌈p·n⌉), the definition SLO tooling states thresholds in.</summary>
internal static class Percentiles
{
    /// <summary>
    /// Sorts <paramref name="samples"/> by value in place and returns the weighted p50, p95 and p99: the smallest value
    /// whose cumulative weight reaches p of the total (nearest rank when every weight is 1); zeros when empty.
    /// </summary>
    public static (double P50, double P95, double P99) Of(Span<(double Value, double Weight)> samples)
    {
        if (samples.IsEmpty)
        {
            return (0, 0, 0);
        }

        samples.Sort(static (a, b) => a.Value.CompareTo(b.Value));
        var total = 0.0;
        foreach (var sample in samples)
        {
            total += sample.Weight;
        }

        return (WeightedAt(samples, total, 0.50), WeightedAt(samples, total, 0.95), WeightedAt(samples, total, 0.99));
    }

    /// <summary>The nearest-rank percentile of already sorted values.</summary>
    public static double At(ReadOnlySpan<double> sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    private static double WeightedAt(ReadOnlySpan<(double Value, double Weight)> sorted, double total, double p)
    {
        // Rounded like the unweighted rank ⌈p·n⌉ so integer weights give the same answer; the epsilon absorbs float sums.
        var target = Math.Max(Math.Ceiling((p * total) - 1e-9), Math.Min(1, total));
        var cumulative = 0.0;
        foreach (var sample in sorted)
        {
            cumulative += sample.Weight;
            if (cumulative >= target - 1e-9)
            {
                return sample.Value;
            }
        }

        return sorted[^1].Value;
    }
}
