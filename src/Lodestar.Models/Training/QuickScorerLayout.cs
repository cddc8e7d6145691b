namespace Lodestar.Models.Training;

/// <summary>
/// The arrays <see cref="QuickScorer"/> scores with, built from the trees: leaves numbered left to right per tree, and
/// per node the mask that clears its left subtree's leaves (what a row the node sends right can no longer reach).
/// </summary>
internal sealed class QuickScorerLayout
{
    private const int MaxLeaves = 64;

    private readonly List<QuickScorer.Split>[] _splits;
    private readonly List<QuickScorer.LeafMask>[] _missing;
    private readonly List<(QuickScorer.LeafMask Node, int Words)>[] _categorical;
    private readonly DecisionTree[] _trees;
    private readonly List<double> _leafValues = [];

    private QuickScorerLayout(DecisionTree[] trees, int width)
    {
        (_trees, Width) = (trees, width);
        (_splits, _missing, _categorical) = (new List<QuickScorer.Split>[width], new List<QuickScorer.LeafMask>[width], new List<(QuickScorer.LeafMask, int)>[width]);
        for (var f = 0; f < width; f++)
        {
            (_splits[f], _missing[f], _categorical[f]) = ([], [], []);
        }

        // A checkpoint costs a pass over every tree's word, the splits after it one step each: a quarter of the
        // trees between checkpoints balances the two and keeps checkpoints at 32 bytes per split.
        Stride = Math.Max(16, trees.Length / 4);
        LeafStart = new int[trees.Length];
    }

    /// <summary>Columns a row must have: one more than the highest feature a node tests.</summary>
    public int Width { get; }

    /// <summary>Splits between a feature's checkpoints.</summary>
    public int Stride { get; }

    public QuickScorer.NumericFeature[] Numeric { get; private set; } = [];

    public QuickScorer.Split[] Splits { get; private set; } = [];

    /// <summary>Per checkpoint, the threshold of the last split it holds.</summary>
    public double[] Bounds { get; private set; } = [];

    /// <summary>Per checkpoint, every tree's word after its splits.</summary>
    public ulong[] Checkpoints { get; private set; } = [];

    public QuickScorer.LeafMask[] MissingRight { get; private set; } = [];

    public QuickScorer.CategoricalFeature[] Categorical { get; private set; } = [];

    public QuickScorer.LeafMask[] CategoricalNodes { get; private set; } = [];

    /// <summary>Per categorical feature, word w of every node's left level set, then word w + 1.</summary>
    public ulong[] CategoryWords { get; private set; } = [];

    /// <summary>Leaf values of all trees, left to right; tree t's start at LeafStart[t].</summary>
    public double[] LeafValues { get; private set; } = [];

    public int[] LeafStart { get; }

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

        var layout = new QuickScorerLayout([.. trees], width);
        for (var t = 0; t < trees.Count; t++)
        {
            layout.LeafStart[t] = layout._leafValues.Count;
            if (layout.Number(t, 0, 0, 0) < 0)
            {
                return null;
            }
        }

        layout.LeafValues = [.. layout._leafValues];
        layout.PackNumeric();
        layout.PackCategorical();
        return layout;
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
    /// +∞ sentinel; a checkpoint after every <see cref="Stride"/> splits; its NaN-goes-right nodes.
    /// </summary>
    private void PackNumeric()
    {
        var (features, splits, missing) = (new List<QuickScorer.NumericFeature>(), new List<QuickScorer.Split>(), new List<QuickScorer.LeafMask>());
        var (bounds, checkpoints) = (new List<double>(), new List<ulong>());
        var words = new ulong[_trees.Length];
        for (var f = 0; f < Width; f++)
        {
            var sorted = _splits[f];
            if (sorted.Count == 0 && _missing[f].Count == 0)
            {
                continue;
            }

            sorted.Sort(static (a, b) => a.Threshold.CompareTo(b.Threshold));
            var count = sorted.Count / Stride;
            features.Add(new QuickScorer.NumericFeature(f, splits.Count, bounds.Count, count, missing.Count, _missing[f].Count));
            Array.Fill(words, ulong.MaxValue);
            for (var i = 0; i < count * Stride; i++)
            {
                words[sorted[i].Tree] &= sorted[i].Mask;
                if ((i + 1) % Stride == 0)
                {
                    bounds.Add(sorted[i].Threshold);
                    checkpoints.AddRange(words);
                }
            }

            splits.AddRange(sorted);
            splits.Add(new QuickScorer.Split(double.PositiveInfinity, ulong.MaxValue, 0));
            missing.AddRange(_missing[f]);
        }

        (Numeric, Splits, MissingRight, Bounds, Checkpoints) = ([.. features], [.. splits], [.. missing], [.. bounds], [.. checkpoints]);
    }

    private void PackCategorical()
    {
        var (features, nodes, words) = (new List<QuickScorer.CategoricalFeature>(), new List<QuickScorer.LeafMask>(), new List<ulong>());
        for (var f = 0; f < Width; f++)
        {
            var group = _categorical[f];
            if (group.Count == 0)
            {
                continue;
            }

            features.Add(new QuickScorer.CategoricalFeature(f, nodes.Count, group.Count));
            foreach (var (node, _) in group)
            {
                nodes.Add(node);
            }

            for (var w = 0; w < 4; w++)
            {
                foreach (var (node, offset) in group)
                {
                    words.Add(_trees[node.Tree].LeftCategories[offset + w]);
                }
            }
        }

        (Categorical, CategoricalNodes, CategoryWords) = ([.. features], [.. nodes], [.. words]);
    }
}
