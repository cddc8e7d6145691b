namespace Lodestar.Models.Training;

/// <summary>
/// Builds a <see cref="QuickScorerLayout"/> from the trees: leaves numbered left to right per tree, and per node the
/// mask that clears its left subtree's leaves (what a row the node sends right can no longer reach).
/// </summary>
internal sealed class QuickScorerBuilder
{
    private const int MaxLeaves = 64;

    private readonly List<QuickScorer.Split>[] _splits;
    private readonly List<QuickScorer.LeafMask>[] _missing;
    private readonly List<(QuickScorer.LeafMask Node, int Words)>[] _categorical;
    private readonly DecisionTree[] _trees;
    private readonly List<double> _leafValues = [];
    private readonly int _width;
    private readonly int _stride;
    private readonly int[] _leafStart;

    private QuickScorerBuilder(DecisionTree[] trees, int width)
    {
        (_trees, _width) = (trees, width);
        (_splits, _missing, _categorical) = (new List<QuickScorer.Split>[width], new List<QuickScorer.LeafMask>[width], new List<(QuickScorer.LeafMask, int)>[width]);
        for (var f = 0; f < width; f++)
        {
            (_splits[f], _missing[f], _categorical[f]) = ([], [], []);
        }

        // A checkpoint costs a pass over every tree's word, the splits after it one step each: a quarter of the
        // trees between checkpoints balances the two and keeps checkpoints at no more than 32 bytes per split.
        _stride = Math.Max(16, trees.Length / 4);
        _leafStart = new int[trees.Length];
    }

    /// <summary>The layout, or null when a tree has more than 64 leaves.</summary>
    public static QuickScorerLayout? TryBuild(IReadOnlyList<DecisionTree> trees)
    {
        var width = 0;
        foreach (var tree in trees)
        {
            foreach (var feature in tree.Feature)
            {
                width = Math.Max(width, feature + 1);
            }
        }

        var builder = new QuickScorerBuilder([.. trees], width);
        for (var t = 0; t < trees.Count; t++)
        {
            builder._leafStart[t] = builder._leafValues.Count;
            if (builder.Number(t, 0, 0, 0) < 0)
            {
                return null;
            }
        }

        var (numeric, splits, bounds, checkpoints, missing) = builder.PackNumeric();
        return new QuickScorerLayout
        {
            Width = width, Stride = builder._stride, Numeric = numeric, Splits = splits, Bounds = bounds, Checkpoints = checkpoints,
            MissingRight = missing, Categories = QuickScorerCategories.Build(builder._trees, builder._categorical),
            LeafValues = [.. builder._leafValues], LeafStart = builder._leafStart,
        };
    }

    /// <summary>
    /// Numbers the leaves under <paramref name="node"/> of tree <paramref name="t"/> from <paramref name="firstLeaf"/> on
    /// and records its nodes; returns the number after its last leaf, or -1 past 64 leaves (or a path that deep, which
    /// only a malformed tree has).
    /// </summary>
    private int Number(int t, int node, int depth, int firstLeaf)
    {
        var tree = _trees[t];
        if (firstLeaf >= MaxLeaves || depth >= MaxLeaves)
        {
            return -1;
        }

        if (tree.Feature[node] < 0)
        {
            _leafValues.Add(tree.Value[node]);
            return firstLeaf + 1;
        }

        var middle = Number(t, tree.Left[node], depth + 1, firstLeaf);
        var end = middle < 0 ? -1 : Number(t, tree.Right[node], depth + 1, middle);
        if (end < 0)
        {
            return -1;
        }

        // The right subtree holds a leaf, so the left one holds at most 63 and the shift stays below 64.
        var mask = new QuickScorer.LeafMask(~(((1UL << (middle - firstLeaf)) - 1) << firstLeaf), t);
        var feature = tree.Feature[node];
        if (tree.IsCategorical[node])
        {
            _categorical[feature].Add((mask, node * 4));
        }
        else
        {
            // No number is above +∞, so such a node sends only missing values right.
            if (tree.Threshold[node] != double.PositiveInfinity)
            {
                _splits[feature].Add(new QuickScorer.Split(tree.Threshold[node], mask.Mask, t));
            }

            if (!tree.MissingLeft[node])
            {
                _missing[feature].Add(mask);
            }
        }

        return end;
    }

    /// <summary>
    /// Per feature: its splits by ascending threshold (a NaN threshold, which sends every number right, first), then a
    /// +∞ sentinel; a checkpoint after every stride splits; its NaN-goes-right nodes.
    /// </summary>
    private (QuickScorer.NumericFeature[] Features, QuickScorer.Split[] Splits, double[] Bounds, ulong[] Checkpoints, QuickScorer.LeafMask[] Missing) PackNumeric()
    {
        var (features, splits, missing) = (new List<QuickScorer.NumericFeature>(), new List<QuickScorer.Split>(), new List<QuickScorer.LeafMask>());
        var (bounds, checkpoints) = (new List<double>(), new List<ulong>());
        var words = new ulong[_trees.Length];
        for (var f = 0; f < _width; f++)
        {
            var sorted = _splits[f];
            if (sorted.Count == 0 && _missing[f].Count == 0)
            {
                continue;
            }

            sorted.Sort(static (a, b) => a.Threshold.CompareTo(b.Threshold));
            var count = sorted.Count / _stride;
            features.Add(new QuickScorer.NumericFeature(f, splits.Count, bounds.Count, count, missing.Count, _missing[f].Count));
            Array.Fill(words, ulong.MaxValue);
            for (var i = 0; i < count * _stride; i++)
            {
                words[sorted[i].Tree] &= sorted[i].Mask;
                if ((i + 1) % _stride == 0)
                {
                    bounds.Add(sorted[i].Threshold);
                    checkpoints.AddRange(words);
                }
            }

            splits.AddRange(sorted);
            splits.Add(new QuickScorer.Split(double.PositiveInfinity, ulong.MaxValue, 0));
            missing.AddRange(_missing[f]);
        }

        return ([.. features], [.. splits], [.. bounds], [.. checkpoints], [.. missing]);
    }
}
