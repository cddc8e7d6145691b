namespace Lodestar.Models.Training;

/// <summary>
/// Exact TreeSHAP (Lundberg, Erion and Lee 2018, algorithm 2) for one tree and one row: Shapley values of the
/// tree's output under the path-dependent feature perturbation, in O(leaves * depth^2).
/// </summary>
internal static class TreeShap
{
    private struct PathElement
    {
        public int Feature;
        public double ZeroFraction;
        public double OneFraction;
        public double Weight;
    }

    /// <summary>Adds the row's contributions to <paramref name="phi"/> (one slot per feature).</summary>
    public static void Accumulate(DecisionTree tree, double[][] columns, int row, double[] phi)
    {
        var depth = MaxDepth(tree, 0);
        // Each recursion level works on its own copy of the path; (depth + 2)^2 slots hold them all.
        var buffer = new PathElement[(depth + 2) * (depth + 3) / 2 + depth + 2];
        Recurse(tree, columns, row, phi, 0, buffer, 0, 0, 1, 1, -1);
    }

    private static int MaxDepth(DecisionTree tree, int node) =>
        tree.Feature[node] < 0 ? 0 : 1 + Math.Max(MaxDepth(tree, tree.Left[node]), MaxDepth(tree, tree.Right[node]));

    private static void Recurse(
        DecisionTree tree, double[][] columns, int row, double[] phi, int node, PathElement[] buffer, int parentOffset,
        int uniqueDepth, double parentZeroFraction, double parentOneFraction, int parentFeature)
    {
        var offset = parentOffset + uniqueDepth + 1;
        Array.Copy(buffer, parentOffset, buffer, offset, uniqueDepth + 1);
        var path = buffer.AsSpan(offset);
        Extend(path, uniqueDepth, parentZeroFraction, parentOneFraction, parentFeature);

        if (tree.Feature[node] < 0)
        {
            for (var i = 1; i <= uniqueDepth; i++)
            {
                var weight = UnwoundSum(path, uniqueDepth, i);
                phi[path[i].Feature] += weight * (path[i].OneFraction - path[i].ZeroFraction) * tree.Value[node];
            }

            return;
        }

        var feature = tree.Feature[node];
        var goesLeft = tree.GoesLeft(node, columns[feature][row]);
        var hot = goesLeft ? tree.Left[node] : tree.Right[node];
        var cold = goesLeft ? tree.Right[node] : tree.Left[node];
        var hotZeroFraction = tree.Cover[hot] / tree.Cover[node];
        var coldZeroFraction = tree.Cover[cold] / tree.Cover[node];
        double incomingZeroFraction = 1, incomingOneFraction = 1;

        var pathIndex = 0;
        while (pathIndex <= uniqueDepth && path[pathIndex].Feature != feature)
        {
            pathIndex++;
        }

        if (pathIndex != uniqueDepth + 1)
        {
            // The feature was split on above: undo its earlier extension and fold its fractions into this one.
            incomingZeroFraction = path[pathIndex].ZeroFraction;
            incomingOneFraction = path[pathIndex].OneFraction;
            Unwind(path, uniqueDepth, pathIndex);
            uniqueDepth--;
        }

        Recurse(tree, columns, row, phi, hot, buffer, offset, uniqueDepth + 1, hotZeroFraction * incomingZeroFraction, incomingOneFraction, feature);
        Recurse(tree, columns, row, phi, cold, buffer, offset, uniqueDepth + 1, coldZeroFraction * incomingZeroFraction, 0, feature);
    }

    private static void Extend(Span<PathElement> path, int uniqueDepth, double zeroFraction, double oneFraction, int feature)
    {
        path[uniqueDepth] = new PathElement { Feature = feature, ZeroFraction = zeroFraction, OneFraction = oneFraction, Weight = uniqueDepth == 0 ? 1 : 0 };
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            path[i + 1].Weight += oneFraction * path[i].Weight * (i + 1) / (uniqueDepth + 1);
            path[i].Weight = zeroFraction * path[i].Weight * (uniqueDepth - i) / (uniqueDepth + 1);
        }
    }

    private static void Unwind(Span<PathElement> path, int uniqueDepth, int pathIndex)
    {
        var oneFraction = path[pathIndex].OneFraction;
        var zeroFraction = path[pathIndex].ZeroFraction;
        var nextOnePortion = path[uniqueDepth].Weight;
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            if (oneFraction != 0)
            {
                var previous = path[i].Weight;
                path[i].Weight = nextOnePortion * (uniqueDepth + 1) / ((i + 1) * oneFraction);
                nextOnePortion = previous - (path[i].Weight * zeroFraction * (uniqueDepth - i) / (uniqueDepth + 1));
            }
            else
            {
                path[i].Weight = path[i].Weight * (uniqueDepth + 1) / (zeroFraction * (uniqueDepth - i));
            }
        }

        for (var i = pathIndex; i < uniqueDepth; i++)
        {
            path[i].Feature = path[i + 1].Feature;
            path[i].ZeroFraction = path[i + 1].ZeroFraction;
            path[i].OneFraction = path[i + 1].OneFraction;
        }
    }

    private static double UnwoundSum(Span<PathElement> path, int uniqueDepth, int pathIndex)
    {
        var oneFraction = path[pathIndex].OneFraction;
        var zeroFraction = path[pathIndex].ZeroFraction;
        var nextOnePortion = path[uniqueDepth].Weight;
        double total = 0;
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            if (oneFraction != 0)
            {
                var weight = nextOnePortion * (uniqueDepth + 1) / ((i + 1) * oneFraction);
                total += weight;
                nextOnePortion = path[i].Weight - (weight * zeroFraction * (uniqueDepth - i) / (uniqueDepth + 1));
            }
            else
            {
                total += path[i].Weight / zeroFraction / ((uniqueDepth - i) / (double)(uniqueDepth + 1));
            }
        }

        return total;
    }
}
