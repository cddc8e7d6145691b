using System.Runtime.CompilerServices;

namespace Lodestar.Models.Training;

/// <summary>
/// The trees of a <see cref="GradientBoostedTreesModel"/> packed into one node array for scoring. A node's test,
/// first child and leaf value sit in one 24-byte struct (instead of seven arrays); siblings sit side by side, so a
/// numeric step is <c>Left + (x &gt; threshold)</c> with no branch on its outcome; leaves point at themselves, so a
/// tree is walked a fixed number of steps (its depth) and eight trees of about the same depth are walked at once.
/// Per row, leaf values are summed in tree order, so scores equal the tree-by-tree walk bit for bit. The fallback of
/// <see cref="ForestScorer.For"/> for trees too big for <see cref="QuickScorer"/>.
/// </summary>
internal sealed class FlatForest : ForestScorer
{
    private const int Categorical = 1;
    private const int MissingGoesRight = 2;
    private const int Interleave = 8;

    private readonly Node[] _nodes;
    private readonly int[] _roots;
    private readonly int[] _depths;

    /// <summary>The tree each walk slot scores: walks go in order of depth, so eight walked together need about the same number of steps.</summary>
    private readonly int[] _trees;
    private readonly ulong[] _categories;

    /// <summary>Where a row's value is always NaN: leaves test it (a leaf's flags send NaN left, to itself).</summary>
    private readonly int _leafSlot;

    private FlatForest(Node[] nodes, int[] roots, int[] depths, int[] trees, ulong[] categories, int leafSlot) =>
        (_nodes, _roots, _depths, _trees, _categories, _leafSlot) = (nodes, roots, depths, trees, categories, leafSlot);

    public static FlatForest From(IReadOnlyList<DecisionTree> trees)
    {
        var nodeCount = 0;
        var categoricalCount = 0;
        var leafSlot = 0;
        foreach (var tree in trees)
        {
            nodeCount += tree.Feature.Length;
            for (var n = 0; n < tree.Feature.Length; n++)
            {
                categoricalCount += tree.IsCategorical[n] ? 1 : 0;
                leafSlot = Math.Max(leafSlot, tree.Feature[n] + 1);
            }
        }

        var nodes = new Node[nodeCount];
        var roots = new int[trees.Count];
        var depths = new int[trees.Count];
        var categories = new ulong[categoricalCount * 4];
        var next = 0;
        var nextCategory = 0;
        var order = new Queue<(int Node, int Slot, int Depth)>();
        for (var t = 0; t < trees.Count; t++)
        {
            // Breadth first, giving each node's two children adjacent slots.
            var tree = trees[t];
            roots[t] = next;
            order.Enqueue((0, next++, 0));
            while (order.TryDequeue(out var item))
            {
                var n = item.Node;
                if (tree.Feature[n] < 0)
                {
                    nodes[item.Slot] = new Node(tree.Value[n], leafSlot, item.Slot, 0, 0);
                    depths[t] = Math.Max(depths[t], item.Depth);
                    continue;
                }

                var flags = tree.MissingLeft[n] ? 0 : MissingGoesRight;
                var categoryOffset = 0;
                if (tree.IsCategorical[n])
                {
                    flags |= Categorical;
                    categoryOffset = nextCategory;
                    tree.LeftCategories.AsSpan(n * 4, 4).CopyTo(categories.AsSpan(nextCategory));
                    nextCategory += 4;
                }

                nodes[item.Slot] = new Node(tree.Threshold[n], tree.Feature[n], next, flags, categoryOffset);
                order.Enqueue((tree.Left[n], next++, item.Depth + 1));
                order.Enqueue((tree.Right[n], next++, item.Depth + 1));
            }
        }

        var byDepth = new int[trees.Count];
        for (var t = 0; t < byDepth.Length; t++)
        {
            byDepth[t] = t;
        }

        Array.Sort(depths.ToArray(), byDepth);
        var sortedRoots = new int[roots.Length];
        var sortedDepths = new int[depths.Length];
        for (var w = 0; w < byDepth.Length; w++)
        {
            (sortedRoots[w], sortedDepths[w]) = (roots[byDepth[w]], depths[byDepth[w]]);
        }

        return new FlatForest(nodes, sortedRoots, sortedDepths, byDepth, categories, leafSlot);
    }

    public override void AddTo(double[][] columns, Span<double> output)
    {
        Span<double> row = _leafSlot < 256 ? stackalloc double[_leafSlot + 1] : new double[_leafSlot + 1];
        Span<double> leaves = _trees.Length <= 1024 ? stackalloc double[_trees.Length] : new double[_trees.Length];
        row[_leafSlot] = double.NaN;
        var used = Math.Min(columns.Length, _leafSlot);
        for (var r = 0; r < output.Length; r++)
        {
            // The row's values side by side: a step reads one array, not a column array and then its element.
            for (var f = 0; f < used; f++)
            {
                row[f] = columns[f][r];
            }

            Walk(row, leaves);

            // Summed in tree order, whatever order the walks took.
            var sum = output[r];
            foreach (var leaf in leaves)
            {
                sum += leaf;
            }

            output[r] = sum;
        }
    }

    /// <summary>Each tree's leaf value for the row, by tree.</summary>
    private void Walk(ReadOnlySpan<double> row, Span<double> leaves)
    {
        var nodes = _nodes;
        var t = 0;

        // Eight independent walks keep the core busy while each waits for its next node.
        for (; t + Interleave <= _roots.Length; t += Interleave)
        {
            var (a, b, c, d) = (_roots[t], _roots[t + 1], _roots[t + 2], _roots[t + 3]);
            var (e, f, g, h) = (_roots[t + 4], _roots[t + 5], _roots[t + 6], _roots[t + 7]);
            for (var s = 0; s < _depths[t + Interleave - 1]; s++)
            {
                a = Step(nodes, a, row);
                b = Step(nodes, b, row);
                c = Step(nodes, c, row);
                d = Step(nodes, d, row);
                e = Step(nodes, e, row);
                f = Step(nodes, f, row);
                g = Step(nodes, g, row);
                h = Step(nodes, h, row);
            }

            leaves[_trees[t]] = nodes[a].Value;
            leaves[_trees[t + 1]] = nodes[b].Value;
            leaves[_trees[t + 2]] = nodes[c].Value;
            leaves[_trees[t + 3]] = nodes[d].Value;
            leaves[_trees[t + 4]] = nodes[e].Value;
            leaves[_trees[t + 5]] = nodes[f].Value;
            leaves[_trees[t + 6]] = nodes[g].Value;
            leaves[_trees[t + 7]] = nodes[h].Value;
        }

        for (; t < _roots.Length; t++)
        {
            var n = _roots[t];
            for (var s = 0; s < _depths[t]; s++)
            {
                n = Step(nodes, n, row);
            }

            leaves[_trees[t]] = nodes[n].Value;
        }
    }

    /// <summary>The child a row goes to: the same test as <see cref="DecisionTree.GoesLeft"/>; a leaf stays put.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Step(Node[] nodes, int index, ReadOnlySpan<double> row)
    {
        ref readonly var node = ref nodes[index];
        var x = row[node.Feature];
        if ((node.Flags & Categorical) != 0)
        {
            var bin = FeatureBinner.CategoryBin(x);
            var left = (_categories[node.CategoryOffset + (bin >> 6)] & (1UL << (bin & 63))) != 0;
            return node.Left + Bit(!left);
        }

        // NaN compares false, so it goes right only when the split sends missing values right.
        return node.Left + (Bit(x > node.Value) | (Bit(double.IsNaN(x)) & (node.Flags >> 1)));
    }

    private static int Bit(bool value) => Unsafe.BitCast<bool, byte>(value);

    /// <summary>An internal node (Value = threshold; children at Left and Left + 1) or a leaf (Value = output, Left = itself).</summary>
    private readonly record struct Node(double Value, int Feature, int Left, int Flags, int CategoryOffset);
}
