using Lodestar.Models.Training;

namespace Lodestar.Models.Tests.Training;

/// <summary>
/// Seeded random trees and rows for scorer tests: shapes from bushy to one long chain, numeric splits on a small pool
/// of thresholds (so rows hit them exactly), categorical splits, both missing directions, and rows with NaN,
/// infinities and out-of-range categories.
/// </summary>
internal sealed class RandomForest(int seed, int features = 6, int categoricalFeatures = 2)
{
    private readonly Random _random = new(seed);
    private readonly double[] _pool = [-2, -1.5, -0.25, 0, 0.5, 1, 1.75, 3];

    public int Width => features + categoricalFeatures;

    /// <summary>Whether thresholds may be ±∞ or NaN (which the walk sends every number right of).</summary>
    public bool OddThresholds { get; init; }

    /// <summary>Whether categorical splits use four levels only (so a few classes of levels behave alike), not all 255.</summary>
    public bool FewLevels { get; init; }

    /// <summary>A tree grown by splitting a random leaf (chain: always the newest leaf, alternating sides).</summary>
    public DecisionTree Tree(int leaves, bool chain = false)
    {
        var (left, right) = (new List<int> { -1 }, new List<int> { -1 });
        var open = new List<int> { 0 };
        while (open.Count < leaves)
        {
            var index = chain ? open.Count - ((left.Count / 2) % 2 == 0 ? 1 : 2) : _random.Next(open.Count);
            var node = open[index];
            open.RemoveAt(index);
            (left[node], right[node]) = (left.Count, left.Count + 1);
            open.Add(left.Count);
            open.Add(left.Count + 1);
            left.AddRange([-1, -1]);
            right.AddRange([-1, -1]);
        }

        var count = left.Count;
        var (feature, threshold, categories) = (new int[count], new double[count], new ulong[count * 4]);
        var (categorical, missingLeft, value) = (new bool[count], new bool[count], new double[count]);
        for (var n = 0; n < count; n++)
        {
            value[n] = Math.Round(_random.NextDouble() - 0.5, 3) + (_random.NextDouble() * 1e-9);
            missingLeft[n] = _random.Next(2) == 0;
            if (left[n] < 0)
            {
                feature[n] = -1;
                continue;
            }

            feature[n] = _random.Next(Width);
            categorical[n] = feature[n] >= features;
            threshold[n] = categorical[n] ? 0 : Threshold();
            for (var w = 0; categorical[n] && w < 4; w++)
            {
                categories[(n * 4) + w] = (ulong)_random.NextInt64() ^ ((ulong)_random.Next() << 40);
            }

            if (categorical[n] && FewLevels)
            {
                // Levels 0-3 and the missing bin (bit 255) in the left set; levels 4-254 go right.
                (categories[n * 4], categories[(n * 4) + 1], categories[(n * 4) + 2]) = (categories[n * 4] & 0xF, 0, 0);
                categories[(n * 4) + 3] &= 1UL << 63;
            }
        }

        return new DecisionTree
        {
            Feature = feature, Threshold = threshold, LeftCategories = categories, IsCategorical = categorical,
            MissingLeft = missingLeft, Left = [.. left], Right = [.. right], Value = value, Cover = [.. Enumerable.Repeat(1.0, count)],
        };
    }

    /// <summary>Column-major rows: numbers from the threshold pool and between, categories in and out of range.</summary>
    public double[][] Rows(int count)
    {
        var columns = new double[Width][];
        for (var f = 0; f < Width; f++)
        {
            columns[f] = new double[count];
            for (var r = 0; r < count; r++)
            {
                columns[f][r] = f >= features ? Category() : Number();
            }
        }

        return columns;
    }

    /// <summary>The tree-by-tree walk every scorer must equal bit for bit: the base, plus each tree's leaf in tree order.</summary>
    public static double[] Walk(IReadOnlyList<DecisionTree> trees, double[][] columns, int rows, double baseScore)
    {
        var expected = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            expected[r] = baseScore;
            foreach (var tree in trees)
            {
                expected[r] += tree.Value[tree.Leaf(columns, r)];
            }
        }

        return expected;
    }

    private double Threshold() => OddThresholds && _random.Next(10) == 0
        ? (new[] { double.NegativeInfinity, double.PositiveInfinity, double.NaN })[_random.Next(3)]
        : _pool[_random.Next(_pool.Length)];

    private double Number() => _random.Next(10) switch
    {
        0 => double.NaN,
        1 => _random.Next(2) == 0 ? double.NegativeInfinity : double.PositiveInfinity,
        < 5 => _pool[_random.Next(_pool.Length)],
        _ => (_random.NextDouble() * 6) - 2.5,
    };

    private double Category() => _random.Next(10) switch
    {
        0 => double.NaN,
        1 => (new[] { -1.0, -0.5, 254.5, 255, 300, 1e12 })[_random.Next(6)],
        < 5 => 64 * _random.Next(4) + _random.Next(2),
        _ => _random.Next(256),
    };
}
