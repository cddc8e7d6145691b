namespace Lodestar.Models.Training;

/// <summary>
/// The trees of a <see cref="GradientBoostedTreesModel"/> packed into one node array for scoring: a node's test,
/// children and leaf value sit in one 24-byte struct, so a step down a tree reads one cache line instead of six
/// separate arrays. Sums leaf values in the same order as the trees, so scores equal the per-tree walk bit for bit.
/// </summary>
internal sealed class FlatForest
{
    private const int Leaf = -1;
    private const int Categorical = 1;
    private const int MissingGoesLeft = 2;

    private readonly Node[] _nodes;
    private readonly int[] _roots;
    private readonly ulong[] _categories;

    private FlatForest(Node[] nodes, int[] roots, ulong[] categories) => (_nodes, _roots, _categories) = (nodes, roots, categories);

    public static FlatForest From(IReadOnlyList<DecisionTree> trees)
    {
        var nodeCount = 0;
        var categoricalCount = 0;
        foreach (var tree in trees)
        {
            nodeCount += tree.Feature.Length;
            foreach (var categorical in tree.IsCategorical)
            {
                categoricalCount += categorical ? 1 : 0;
            }
        }

        var nodes = new Node[nodeCount];
        var roots = new int[trees.Count];
        var categories = new ulong[categoricalCount * 4];
        var next = 0;
        var nextCategory = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            roots[t] = next;
            for (var n = 0; n < tree.Feature.Length; n++)
            {
                if (tree.Feature[n] < 0)
                {
                    nodes[next + n] = new Node(tree.Value[n], Leaf, 0, 0, 0, 0);
                    continue;
                }

                var flags = tree.MissingLeft[n] ? MissingGoesLeft : 0;
                var categoryOffset = 0;
                if (tree.IsCategorical[n])
                {
                    flags |= Categorical;
                    categoryOffset = nextCategory;
                    tree.LeftCategories.AsSpan(n * 4, 4).CopyTo(categories.AsSpan(nextCategory));
                    nextCategory += 4;
                }

                nodes[next + n] = new Node(tree.Threshold[n], tree.Feature[n], next + tree.Left[n], next + tree.Right[n], flags, categoryOffset);
            }

            next += tree.Feature.Length;
        }

        return new FlatForest(nodes, roots, categories);
    }

    /// <summary>Adds every tree's leaf value to <paramref name="output"/> (one entry per row, already holding the base score).</summary>
    public void AddTo(double[][] columns, Span<double> output)
    {
        var nodes = _nodes.AsSpan();
        foreach (var root in _roots)
        {
            for (var row = 0; row < output.Length; row++)
            {
                var index = root;
                while (true)
                {
                    ref readonly var node = ref nodes[index];
                    if (node.Feature == Leaf)
                    {
                        output[row] += node.Value;
                        break;
                    }

                    index = GoesLeft(in node, columns[node.Feature][row]) ? node.Left : node.Right;
                }
            }
        }
    }

    /// <summary>The same test as <see cref="DecisionTree.GoesLeft"/>.</summary>
    private bool GoesLeft(in Node node, double x)
    {
        if ((node.Flags & Categorical) != 0)
        {
            var bin = double.IsNaN(x) || x >= FeatureBinner.MissingBin ? FeatureBinner.MissingBin : (int)x;
            return (_categories[node.CategoryOffset + (bin >> 6)] & (1UL << (bin & 63))) != 0;
        }

        return double.IsNaN(x) ? (node.Flags & MissingGoesLeft) != 0 : x <= node.Value;
    }

    /// <summary>An internal node (Value = threshold) or a leaf (Feature = -1, Value = leaf output).</summary>
    private readonly record struct Node(double Value, int Feature, int Left, int Right, int Flags, int CategoryOffset);
}
