namespace Lodestar.Models.Training;

/// <summary>
/// Grows one tree best-first: the leaf whose split reduces the loss most is split next, until
/// <see cref="GradientBoostingOptions.MaxLeafNodes"/> leaves (LightGBM's leaf-wise growth). Rows of a node
/// are a contiguous range of one index array, partitioned in place at each split.
/// </summary>
internal sealed class TreeGrower(byte[][] bins, FeatureBinner binner, GradientBoostingOptions options, HistogramBuilder histograms)
{
    private readonly SplitFinder _finder = new(binner, options.MinSamplesLeaf, options.L2Regularization);

    /// <summary>Grows a tree over <paramref name="rows"/> (reordered in place); the leaves hold their row ranges.</summary>
    public (DecisionTree Tree, List<GrowingNode> Leaves) Grow(int[] rows, int[] scratch)
    {
        var nodes = new List<GrowingNode>();
        var root = new GrowingNode { Start = 0, Count = rows.Length, Depth = 0 };
        root.Histogram = histograms.Build(rows);
        root.Sums = histograms.Totals(root.Histogram);
        nodes.Add(root);
        Evaluate(root);

        var queue = new PriorityQueue<GrowingNode, double>();
        Enqueue(queue, root);
        var leaves = 1;
        while (leaves < options.MaxLeafNodes && queue.TryDequeue(out var node, out _))
        {
            var split = node.Split!;
            var leftCount = Partition(rows, scratch, node.Start, node.Count, bins[split.Feature], split);
            var left = new GrowingNode { Start = node.Start, Count = leftCount, Depth = node.Depth + 1, Sums = split.Left };
            var right = new GrowingNode { Start = node.Start + leftCount, Count = node.Count - leftCount, Depth = node.Depth + 1, Sums = split.Right };
            node.LeftChild = nodes.Count;
            nodes.Add(left);
            node.RightChild = nodes.Count;
            nodes.Add(right);
            leaves++;

            var (small, large) = left.Count <= right.Count ? (left, right) : (right, left);
            if (CanSplit(small) || CanSplit(large))
            {
                small.Histogram = histograms.Build(rows.AsSpan(small.Start, small.Count));
                large.Histogram = histograms.Subtract(node.Histogram!, small.Histogram);
                Evaluate(small);
                Evaluate(large);
                Enqueue(queue, small);
                Enqueue(queue, large);
            }

            Release(node);
        }

        foreach (var node in nodes)
        {
            Release(node);
        }

        return (ToTree(nodes), nodes.FindAll(n => n.LeftChild < 0));
    }

    private bool CanSplit(GrowingNode node) =>
        node.Count >= 2 * options.MinSamplesLeaf && (options.MaxDepth <= 0 || node.Depth < options.MaxDepth);

    private void Evaluate(GrowingNode node)
    {
        if (CanSplit(node))
        {
            node.Split = _finder.FindBest(node.Histogram!, node.Sums);
        }
    }

    private static void Enqueue(PriorityQueue<GrowingNode, double> queue, GrowingNode node)
    {
        if (node.Split is not null)
        {
            queue.Enqueue(node, -node.Split.Gain);
        }
    }

    private void Release(GrowingNode node)
    {
        if (node.Histogram is not null)
        {
            histograms.Return(node.Histogram);
            node.Histogram = null;
        }
    }

    /// <summary>Stable partition of rows[start..start+count): left rows first; returns how many went left.</summary>
    private static int Partition(int[] rows, int[] scratch, int start, int count, byte[] column, SplitCandidate split)
    {
        var left = 0;
        var right = 0;
        var end = start + count;
        for (var i = start; i < end; i++)
        {
            var row = rows[i];
            if (split.GoesLeft(column[row]))
            {
                rows[start + left++] = row;
            }
            else
            {
                scratch[right++] = row;
            }
        }

        Array.Copy(scratch, 0, rows, start + left, right);
        return left;
    }

    private DecisionTree ToTree(List<GrowingNode> nodes)
    {
        var n = nodes.Count;
        var tree = new DecisionTree
        {
            Feature = new int[n], Threshold = new double[n], LeftCategories = new ulong[n * 4], IsCategorical = new bool[n],
            MissingLeft = new bool[n], Left = new int[n], Right = new int[n], Value = new double[n], Cover = new double[n],
        };
        for (var i = 0; i < n; i++)
        {
            var node = nodes[i];
            tree.Cover[i] = node.Count;
            tree.Left[i] = node.LeftChild;
            tree.Right[i] = node.RightChild;
            if (node.LeftChild < 0)
            {
                tree.Feature[i] = -1;
                node.Value = -options.LearningRate * node.Sums.Gradient / (node.Sums.Hessian + options.L2Regularization);
                tree.Value[i] = node.Value;
                continue;
            }

            var split = node.Split!;
            tree.Feature[i] = split.Feature;
            tree.MissingLeft[i] = split.MissingLeft;
            if (split.LeftCategories is { } set)
            {
                tree.IsCategorical[i] = true;
                set.CopyTo(tree.LeftCategories, i * 4);
            }
            else
            {
                // The "all numbers left, missing right" split has no upper edge; MaxValue keeps the JSON finite.
                var edges = binner.Thresholds[split.Feature];
                tree.Threshold[i] = split.Bin < edges.Length ? edges[split.Bin] : double.MaxValue;
            }
        }

        return tree;
    }
}
