using System.Runtime.CompilerServices;

namespace Lodestar.Models.Training;

/// <summary>
/// The trees of a <see cref="GradientBoostedTreesModel"/> packed into one node array for scoring. A node's test,
/// first child and leaf value sit in one 24-byte struct (instead of seven arrays); siblings sit side by side, so a
/// numeric step is <c>Left + (x &gt; threshold)</c> with no branch on its outcome; leaves point at themselves, so a
/// tree is walked a fixed number of steps (its depth) and eight trees are walked at once. Per row, leaf values are
/// summed in tree order, so scores equal the tree-by-tree walk bit for bit.
/// </summary>
internal sealed class FlatForest
{
    private const int Categorical = 1;
    private const int MissingGoesRight = 2;
    private const int Interleave = 8;

    private readonly Node[] _nodes;
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly ulong[] _categories;

    /// <summary>Where a row's value is always NaN: leaves test it (a leaf's flags send NaN left, to itself).</summary>
    private readonly int _leafSlot;

    private FlatForest(Node[] nodes, int[] roots, int[] depths, ulong[] categories, int leafSlot) =>
        (_nodes, _roots, _depths, _categories, _leafSlot) = (nodes, roots, depths, categories, leafSlot);

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

        return new FlatForest(nodes, roots, depths, categories, leafSlot);
    }

    /// <summary>Adds every tree's leaf value to <paramref name="output"/> (one entry per row, already holding the base score).</summary>
    public void AddTo(double[][] columns, Span<double> output)
    {
        Span<double> row = _leafSlot < 256 ? stackalloc double[_leafSlot + 1] : new double[_leafSlot + 1];
        row[_leafSlot] = double.NaN;
        var used = Math.Min(columns.Length, _leafSlot);
        for (var r = 0; r < output.Length; r++)
        {
            // The row's values side by side: a step reads one array, not a column array and then its element.
            for (var f = 0; f < used; f++)
            {
                row[f] = columns[f][r];
            }

            output[r] = Score(row, output[r]);
        }
    }

    private double Score(ReadOnlySpan<double> row, double sum)
    {
        var nodes = _nodes;
        var t = 0;

        // Eight independent walks keep the core busy while each waits for its next node.
        for (; t + Interleave <= _roots.Length; t += Interleave)
        {
            var (a, b, c, d) = (_roots[t], _roots[t + 1], _roots[t + 2], _roots[t + 3]);
            var (e, f, g, h) = (_roots[t + 4], _roots[t + 5], _roots[t + 6], _roots[t + 7]);
            var steps = 0;
            for (var i = t; i < t + Interleave; i++)
            {
                steps = Math.Max(steps, _depths[i]);
            }

            for (var s = 0; s < steps; s++)
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

            sum += nodes[a].Value;
            sum += nodes[b].Value;
            sum += nodes[c].Value;
            sum += nodes[d].Value;
            sum += nodes[e].Value;
            sum += nodes[f].Value;
            sum += nodes[g].Value;
            sum += nodes[h].Value;
        }

        for (; t < _roots.Length; t++)
        {
            var n = _roots[t];
            for (var s = 0; s < _depths[t]; s++)
            {
                n = Step(nodes, n, row);
            }

            sum += nodes[n].Value;
        }

        return sum;
    }

    /// <summary>The child a row goes to: the same test as <see cref="DecisionTree.GoesLeft"/>; a leaf stays put.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Step(Node[] nodes, int index, ReadOnlySpan<double> row)
    {
        ref readonly var node = ref nodes[index];
        var x = row[node.Feature];
        if ((node.Flags & Categorical) != 0)
        {
            var bin = double.IsNaN(x) || x >= FeatureBinner.MissingBin ? FeatureBinner.MissingBin : (int)x;
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
