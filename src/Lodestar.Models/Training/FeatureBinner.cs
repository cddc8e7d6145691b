using Lodestar.Models.Data;

namespace Lodestar.Models.Training;

/// <summary>
/// Maps each feature to at most 255 bins (byte codes) plus a missing bin. Numbers: midpoints between distinct
/// values when there are few, else quantile midpoints of a subsample of 200 000 values (as scikit-learn);
/// a value goes to the first bin whose upper threshold it does not exceed. Categories: the level index.
/// </summary>
internal sealed class FeatureBinner
{
    public const int MissingBin = 255;
    private const int SubsampleSize = 200_000;

    private FeatureBinner(double[][] thresholds, bool[] categorical, int[] binCounts)
    {
        Thresholds = thresholds;
        Categorical = categorical;
        BinCounts = binCounts;
    }

    /// <summary>Per numeric feature, the upper (inclusive) edge of each bin but the last.</summary>
    public double[][] Thresholds { get; }

    public bool[] Categorical { get; }

    /// <summary>Non-missing bins per feature.</summary>
    public int[] BinCounts { get; }

    public static FeatureBinner Fit(FeatureTable features, int maxBins, int seed)
    {
        var count = features.Inputs.Count;
        var thresholds = new double[count][];
        var categorical = new bool[count];
        var binCounts = new int[count];
        var random = new Random(seed);
        int[]? subsample = null;
        if (features.RowCount > SubsampleSize)
        {
            subsample = new int[SubsampleSize];
            var all = Enumerable.Range(0, features.RowCount).ToArray();
            random.Shuffle(all);
            Array.Copy(all, subsample, SubsampleSize);
        }

        for (var f = 0; f < count; f++)
        {
            if (features.Inputs[f].Kind == ColumnKind.Categorical)
            {
                categorical[f] = true;
                thresholds[f] = [];
                binCounts[f] = Math.Min(features.Inputs[f].Levels?.Count ?? 0, MissingBin);
                continue;
            }

            thresholds[f] = NumericThresholds(features.Columns[f], subsample, maxBins);
            binCounts[f] = thresholds[f].Length + 1;
        }

        return new FeatureBinner(thresholds, categorical, binCounts);
    }

    /// <summary>The bin a categorical split tests: the level index; NaN and values outside 0..254 read as missing.</summary>
    public static int CategoryBin(double x) => x >= 0 && x < MissingBin ? (int)x : MissingBin;

    /// <summary>The binned copy of the features: one byte array per feature.</summary>
    public byte[][] Transform(FeatureTable features)
    {
        var binned = new byte[features.Inputs.Count][];
        Parallel.For(0, binned.Length, f =>
        {
            var column = features.Columns[f];
            var bins = new byte[column.Length];
            var edges = Thresholds[f];
            for (var row = 0; row < column.Length; row++)
            {
                var x = column[row];
                bins[row] = double.IsNaN(x) ? (byte)MissingBin
                    : Categorical[f] ? (x < BinCounts[f] ? (byte)x : (byte)MissingBin)
                    : (byte)LowerBound(edges, x);
            }

            binned[f] = bins;
        });
        return binned;
    }

    /// <summary>Index of the first edge that is not below <paramref name="x"/> (numpy searchsorted, side left).</summary>
    private static int LowerBound(double[] edges, double x)
    {
        int low = 0, high = edges.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (edges[mid] < x)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static double[] NumericThresholds(double[] column, int[]? subsample, int maxBins)
    {
        var values = new List<double>(subsample?.Length ?? column.Length);
        if (subsample is null)
        {
            values.AddRange(column.Where(x => !double.IsNaN(x)));
        }
        else
        {
            values.AddRange(subsample.Select(i => column[i]).Where(x => !double.IsNaN(x)));
        }

        values.Sort();
        var distinct = new List<double>();
        foreach (var x in values)
        {
            if (distinct.Count == 0 || distinct[^1] != x)
            {
                distinct.Add(x);
            }
        }

        var edges = new List<double>(maxBins);
        if (distinct.Count <= maxBins)
        {
            for (var i = 0; i + 1 < distinct.Count; i++)
            {
                edges.Add((distinct[i] + distinct[i + 1]) / 2);
            }

            return [.. edges];
        }

        // numpy.percentile(method="midpoint") at linspace(0, 100, maxBins + 1)[1:-1].
        for (var k = 1; k < maxBins; k++)
        {
            var position = (values.Count - 1) * (k / (double)maxBins);
            var below = (int)Math.Floor(position);
            var above = (int)Math.Ceiling(position);
            var edge = (values[below] + values[above]) / 2;
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        return [.. edges];
    }
}
