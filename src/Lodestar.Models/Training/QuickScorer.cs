using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lodestar.Models.Training;

/// <summary>
/// QuickScorer (Lucchese et al., SIGIR 2015) for forests of trees with at most 64 leaves. A tree's leaves are numbered
/// left to right and a row keeps one 64-bit word per tree, all ones at first. A node whose test sends the row right
/// clears the bits of its left subtree's leaves; once every such node has been applied, the exit leaf is the lowest bit
/// left standing. Numeric nodes sit per feature sorted by threshold, so a row applies exactly the prefix of those whose
/// threshold is below its value, with no tree walk. Checkpoints hold the words after every so many of a feature's
/// nodes, so a row ANDs in the checkpoint below its value (a vector operation over all trees) and applies only the
/// nodes after it. Categorical nodes: <see cref="QuickScorerCategories"/>. Leaf values are summed in tree order, so
/// scores equal the tree-by-tree walk bit for bit.
/// </summary>
internal sealed class QuickScorer : ForestScorer
{
    private readonly QuickScorerLayout _layout;

    private QuickScorer(QuickScorerLayout layout) => _layout = layout;

    /// <summary>The scorer for <paramref name="trees"/>, or null when a tree has more than 64 leaves.</summary>
    public static QuickScorer? TryFrom(IReadOnlyList<DecisionTree> trees)
    {
        var layout = QuickScorerBuilder.TryBuild(trees);
        return layout is null ? null : new QuickScorer(layout);
    }

    public override void AddTo(double[][] columns, Span<double> output)
    {
        var layout = _layout;
        if (columns.Length < layout.Width)
        {
            throw new ArgumentException($"the trees test {layout.Width} columns, the rows have {columns.Length}", nameof(columns));
        }

        var trees = layout.LeafStart.Length;
        Span<ulong> leaves = trees <= 1024 ? stackalloc ulong[trees] : new ulong[trees];
        for (var r = 0; r < output.Length; r++)
        {
            leaves.Fill(ulong.MaxValue);
            ApplyNumeric(columns, r, leaves);
            layout.Categories.Apply(columns, r, leaves);
            output[r] = Sum(output[r], leaves);
        }
    }

    private void ApplyNumeric(double[][] columns, int row, Span<ulong> leaves)
    {
        var layout = _layout;
        foreach (var feature in layout.Numeric)
        {
            var x = columns[feature.Feature][row];
            if (double.IsNaN(x))
            {
                Apply(leaves, layout.MissingRight.AsSpan(feature.MissingStart, feature.MissingCount));
                continue;
            }

            // A number goes right unless x <= threshold (DecisionTree.GoesLeft). Checkpoint c stands for the first
            // (c + 1) * Stride splits; Bounds[c] is the last of them.
            var c = 0;
            var bounds = layout.Bounds.AsSpan(feature.CheckpointStart, feature.CheckpointCount);
            while (c < bounds.Length && !(x <= bounds[c]))
            {
                c++;
            }

            if (c > 0)
            {
                var checkpoint = layout.Checkpoints.AsSpan((feature.CheckpointStart + c - 1) * leaves.Length, leaves.Length);
                TensorPrimitives.BitwiseAnd(leaves, checkpoint, leaves);
            }

            // Every split's tree is below leaves.Length by construction; the +∞ sentinel ends the run.
            ref var first = ref MemoryMarshal.GetReference(leaves);
            ref var split = ref layout.Splits[feature.Start + (c * layout.Stride)];
            while (!(x <= split.Threshold))
            {
                Unsafe.Add(ref first, split.Tree) &= split.Mask;
                split = ref Unsafe.Add(ref split, 1);
            }
        }
    }

    private static void Apply(Span<ulong> leaves, ReadOnlySpan<LeafMask> masks)
    {
        ref var first = ref MemoryMarshal.GetReference(leaves);
        foreach (var mask in masks)
        {
            Unsafe.Add(ref first, mask.Tree) &= mask.Mask;
        }
    }

    /// <summary>Adds each tree's exit leaf (its lowest bit left) in tree order, as the tree-by-tree walk does.</summary>
    private double Sum(double sum, ReadOnlySpan<ulong> leaves)
    {
        var values = _layout.LeafValues;
        var starts = _layout.LeafStart;
        for (var t = 0; t < leaves.Length; t++)
        {
            sum += values[starts[t] + BitOperations.TrailingZeroCount(leaves[t])];
        }

        return sum;
    }

    /// <summary>A numeric node: a row it sends right (x &gt; Threshold) keeps only Mask's bits of Tree's word.</summary>
    internal readonly record struct Split(double Threshold, ulong Mask, int Tree);

    /// <summary>A node applied without a threshold test (missing values sent right, categorical nodes).</summary>
    internal readonly record struct LeafMask(ulong Mask, int Tree);

    /// <summary>A numeric feature's sorted splits (then a sentinel), its checkpoints and its NaN-goes-right nodes.</summary>
    internal readonly record struct NumericFeature(int Feature, int Start, int CheckpointStart, int CheckpointCount, int MissingStart, int MissingCount);
}
