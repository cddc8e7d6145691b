namespace Lodestar.Models.Monitoring;

/// <summary>
/// Turns two samples into matching proportion vectors, as Evidently's get_binned_data: numbers with more than
/// 20 distinct reference values fall into equal-width bins over both samples (numpy.histogram), anything else
/// is counted per distinct value. Optionally replaces empty bins by a tiny proportion so logs stay finite.
/// </summary>
internal static class DriftBinning
{
    private const int DistinctValuesForBins = 20;

    public static (double[] Reference, double[] Current) Proportions(ColumnSample reference, ColumnSample current, int bins, bool fillZeroes)
    {
        var (referenceCounts, currentCounts) = reference.Numbers is { } r && current.Numbers is { } c && CountDistinct(r, DistinctValuesForBins + 1) > DistinctValuesForBins
            ? Histogram(r, c, bins)
            : CountKeys(reference.Keys, current.Keys);
        var referenceShare = Divide(referenceCounts, reference.Keys.Length);
        var currentShare = Divide(currentCounts, current.Keys.Length);
        if (fillZeroes)
        {
            FillZeroes(referenceShare);
            FillZeroes(currentShare);
        }

        return (referenceShare, currentShare);
    }

    /// <summary>Counts per key over the union of keys (reference order first, then new current keys).</summary>
    public static (double[] Reference, double[] Current) CountKeys(string[] reference, string[] current)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in reference)
        {
            index.TryAdd(key, index.Count);
        }

        foreach (var key in current)
        {
            index.TryAdd(key, index.Count);
        }

        var referenceCounts = new double[index.Count];
        var currentCounts = new double[index.Count];
        foreach (var key in reference)
        {
            referenceCounts[index[key]]++;
        }

        foreach (var key in current)
        {
            currentCounts[index[key]]++;
        }

        return (referenceCounts, currentCounts);
    }

    /// <summary>numpy.histogram_bin_edges over both samples, then numpy.histogram of each (last bin closed).</summary>
    private static (double[] Reference, double[] Current) Histogram(double[] reference, double[] current, int bins)
    {
        var low = double.PositiveInfinity;
        var high = double.NegativeInfinity;
        foreach (var x in reference.Concat(current))
        {
            low = Math.Min(low, x);
            high = Math.Max(high, x);
        }

        if (low == high)
        {
            (low, high) = (low - 0.5, high + 0.5);
        }

        var edges = new double[bins + 1];
        var step = (high - low) / bins;
        for (var i = 0; i < bins; i++)
        {
            edges[i] = (i * step) + low;
        }

        edges[bins] = high;
        return (Count(reference, edges), Count(current, edges));
    }

    private static double[] Count(double[] values, double[] edges)
    {
        var bins = edges.Length - 1;
        var counts = new double[bins];
        foreach (var x in values)
        {
            // Last edge <= x: the closed last bin; otherwise the bin whose left edge is the last one <= x.
            var index = Array.BinarySearch(edges, x);
            index = index >= 0 ? index : ~index - 1;
            counts[Math.Clamp(index, 0, bins - 1)]++;
        }

        return counts;
    }

    private static int CountDistinct(double[] values, int stopAt)
    {
        var seen = new HashSet<double>();
        foreach (var x in values)
        {
            if (seen.Add(x) && seen.Count >= stopAt)
            {
                break;
            }
        }

        return seen.Count;
    }

    private static double[] Divide(double[] counts, int total)
    {
        var shares = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            shares[i] = counts[i] / total;
        }

        return shares;
    }

    /// <summary>Evidently's rule: empty bins get min(non-zero)/1e6 when that minimum is at most 1e-4, else 1e-4.</summary>
    private static void FillZeroes(double[] shares)
    {
        var minimum = double.PositiveInfinity;
        foreach (var share in shares)
        {
            if (share > 0)
            {
                minimum = Math.Min(minimum, share);
            }
        }

        var fill = minimum <= 0.0001 ? minimum / 1e6 : 0.0001;
        for (var i = 0; i < shares.Length; i++)
        {
            if (shares[i] == 0)
            {
                shares[i] = fill;
            }
        }
    }
}
