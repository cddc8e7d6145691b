namespace Lodestar.Models.Training;

/// <summary>
/// The arrays <see cref="QuickScorer"/> scores with, built from the trees: leaves numbered left to right per tree, and
/// per node the mask that clears its left subtree's leaves (what a row sent right by the node can no longer reach).
/// </summary>
internal sealed class QuickScorerLayout
{
    private readonly List<QuickScorer.Split>[] _byFeature;
    private readonly List<QuickScorer.Split>[] _missingByFeature;
    private readonly List<QuickScorer.CategoricalSplit> _categorical = [];
    private readonly List<ulong> _categories = [];
    private readonly List<double> _leafValues = [];

    private QuickScorerLayout(int width)
    {
        Width = width;
        _byFeature = new List<QuickScorer.Split>[width];
        _missingByFeature = new List<QuickScorer.Split>[width];
        for (var f = 0; f < width; f++)
        {
            (_byFeature[f], _missingByFeature[f]) = ([], []);
        }
    }

    public int Width { get; }

    public QuickScorer.FeatureRange[] Features { get; private set; } = [];

    public QuickScorer.Split[] Splits { get; private set; } = [];

    public QuickScorer.Split[] MissingRight { get; private set; } = [];

    public QuickScorer.CategoricalSplit[] Categorical => [.. _categorical];

    public ulong[] Categories => [.. _categories];

    public double[] LeafValues => [.. _leafValues];

    public int[] LeafStart { get; private set; } = [];

    /// <summary>The layout, or null when a tree has more leaves than fit a word of <paramref name="maxLeaves"/> bits.</summary>
    public static QuickScorerLayout? TryBuild(IReadOnlyList<DecisionTree> trees, int maxLeaves)
    {
        var width = 0;
        foreach (var tree in trees)
        {
            foreach (var feature in tree.Feature)
            {
                width = Math.Max(width, feature + 1);
            }
        }

        var layout = new QuickScorerLayout(width);
        layout.LeafStart = new int[trees.Count];
        for (var t = 0; t < trees.Count; t++)
        {
            layout.LeafStart[t] = layout._leafValues.Count;
            if (layout.Number(trees[t], t, 0, 0, 0, maxLeaves) is < 0)
            {
                return null;
            }
        }

        layout.Pack();
        return layout;
    }

    /// <summary>
    /// Numbers the leaves under <paramref name="node"/> from <paramref name="firstLeaf"/> on and records its nodes;
    /// returns the number after its last leaf, or -1 past <paramref name="maxLeaves"/> leaves (or a path that deep,
    /// which only a malformed tree has).
    /// </summary>
    private int Number(DecisionTree tree, int t, int node, int depth, int firstLeaf, int maxLeaves)
    {
        if (firstLeaf >= maxLeaves || depth >= maxLeaves)
        {
            return -1;
        }

        if (tree.Feature[node] < 0)
        {
            _leafValues.Add(tree.Value[node]);
            return firstLeaf + 1;
        }

        var middle = Number(tree, t, tree.Left[node], depth + 1, firstLeaf, maxLeaves);
        var end = middle < 0 ? -1 : Number(tree, t, tree.Right[node], depth + 1, middle, maxLeaves);
        if (end < 0)
        {
            return -1;
        }

        // The right subtree holds a leaf, so the left one holds at most 63 and the shift stays below 64.
        var mask = ~(((1UL << (middle - firstLeaf)) - 1) << firstLeaf);
        var feature = tree.Feature[node];
        if (tree.IsCategorical[node])
        {
            _categorical.Add(new QuickScorer.CategoricalSplit(feature, t, mask, _categories.Count));
            _categories.AddRange(tree.LeftCategories.AsSpan(node * 4, 4));
            return end;
        }

        var split = new QuickScorer.Split(tree.Threshold[node], mask, t);
        if (!tree.MissingLeft[node])
        {
            _missingByFeature[feature].Add(split);
        }

        // No number is above +∞: such a node sends only missing values right.
        if (split.Threshold != double.PositiveInfinity)
        {
            _byFeature[feature].Add(split);
        }

        return end;
    }

    /// <summary>
    /// Each feature's splits by ascending threshold (a NaN threshold, which sends every number right, first), then a +∞
    /// sentinel; features no numeric node tests are left out.
    /// </summary>
    private void Pack()
    {
        var features = new List<QuickScorer.FeatureRange>();
        var splits = new List<QuickScorer.Split>();
        var missing = new List<QuickScorer.Split>();
        for (var f = 0; f < Width; f++)
        {
            var sorted = _byFeature[f];
            if (sorted.Count == 0 && _missingByFeature[f].Count == 0)
            {
                continue;
            }

            sorted.Sort(static (a, b) => a.Threshold.CompareTo(b.Threshold));
            features.Add(new QuickScorer.FeatureRange(f, splits.Count, missing.Count, _missingByFeature[f].Count));
            splits.AddRange(sorted);
            splits.Add(new QuickScorer.Split(double.PositiveInfinity, ulong.MaxValue, 0));
            missing.AddRange(_missingByFeature[f]);
        }

        (Features, Splits, MissingRight) = ([.. features], [.. splits], [.. missing]);
    }
}
