using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lodestar.Models.Training;

/// <summary>
/// QuickScorer (Lucchese et al., SIGIR 2015) for forests of trees with at most 64 leaves. A tree's leaves are numbered
/// left to right and a row keeps one 64-bit word per tree, all ones at first. A node whose test sends the row right
/// clears the bits of its left subtree's leaves; once every such node has been applied, the exit leaf is the lowest bit
/// left standing. Numeric nodes sit per feature sorted by threshold, so a row applies exactly the prefix whose threshold
/// is below its value, with no tree walk and no unpredictable branch per node. Leaf values are summed in tree order.
/// </summary>
internal sealed class QuickScorer : ForestScorer
{
    private const int MaxLeaves = 64;

    /// <summary>Per feature with numeric nodes: its splits (ascending, then a +∞ sentinel) and its NaN-goes-right nodes.</summary>
    private readonly FeatureRange[] _features;
    private readonly Split[] _splits;
    private readonly Split[] _missingRight;
    private readonly CategoricalSplit[] _categorical;
    private readonly ulong[] _categories;

    /// <summary>Leaf values of all trees, left to right; tree t's start at _leafStart[t].</summary>
    private readonly double[] _leafValues;
    private readonly int[] _leafStart;

    /// <summary>Columns a row must have: one more than the highest feature a node tests.</summary>
    private readonly int _width;

    private QuickScorer(QuickScorerLayout layout)
    {
        (_features, _splits, _missingRight) = (layout.Features, layout.Splits, layout.MissingRight);
        (_categorical, _categories) = (layout.Categorical, layout.Categories);
        (_leafValues, _leafStart, _width) = (layout.LeafValues, layout.LeafStart, layout.Width);
    }

    /// <summary>The scorer for <paramref name="trees"/>, or null when a tree has more than 64 leaves.</summary>
    public static QuickScorer? TryFrom(IReadOnlyList<DecisionTree> trees)
    {
        var layout = QuickScorerLayout.TryBuild(trees, MaxLeaves);
        return layout is null ? null : new QuickScorer(layout);
    }

    public override void AddTo(double[][] columns, Span<double> output)
    {
        if (columns.Length < _width)
        {
            throw new ArgumentException($"the trees test {_width} columns, the rows have {columns.Length}", nameof(columns));
        }

        var trees = _leafStart.Length;
        Span<ulong> leaves = trees <= 1024 ? stackalloc ulong[trees] : new ulong[trees];
        for (var r = 0; r < output.Length; r++)
        {
            leaves.Fill(ulong.MaxValue);
            ApplyNumeric(columns, r, leaves);
            ApplyCategorical(columns, r, leaves);

            // Summed in tree order, as the tree-by-tree walk does.
            var sum = output[r];
            for (var t = 0; t < leaves.Length; t++)
            {
                sum += _leafValues[_leafStart[t] + BitOperations.TrailingZeroCount(leaves[t])];
            }

            output[r] = sum;
        }
    }

    private void ApplyNumeric(double[][] columns, int row, Span<ulong> leaves)
    {
        // Every split's tree is below leaves.Length by construction, so the masks go in unchecked.
        ref var first = ref MemoryMarshal.GetReference(leaves);
        foreach (var feature in _features)
        {
            var x = columns[feature.Feature][row];
            if (double.IsNaN(x))
            {
                foreach (var missing in _missingRight.AsSpan(feature.MissingStart, feature.MissingCount))
                {
                    Unsafe.Add(ref first, missing.Tree) &= missing.Mask;
                }

                continue;
            }

            // A number goes right unless x <= threshold (DecisionTree.GoesLeft); the +∞ sentinel ends the run.
            ref var split = ref _splits[feature.Start];
            while (!(x <= split.Threshold))
            {
                Unsafe.Add(ref first, split.Tree) &= split.Mask;
                split = ref Unsafe.Add(ref split, 1);
            }
        }
    }

    private void ApplyCategorical(double[][] columns, int row, Span<ulong> leaves)
    {
        ref var first = ref MemoryMarshal.GetReference(leaves);
        foreach (var split in _categorical)
        {
            var bin = FeatureBinner.CategoryBin(columns[split.Feature][row]);
            var left = (_categories[split.Categories + (bin >> 6)] >> (bin & 63)) & 1;

            // A left-going row keeps all its bits: the mask becomes all ones.
            Unsafe.Add(ref first, split.Tree) &= split.Mask | (0UL - left);
        }
    }

    /// <summary>A numeric node: a row it sends right (x &gt; Threshold, or NaN and missing values go right) keeps only Mask's bits of Tree's word.</summary>
    internal readonly record struct Split(double Threshold, ulong Mask, int Tree);

    /// <summary>A categorical node; its left level set is the four words at Categories.</summary>
    internal readonly record struct CategoricalSplit(int Feature, int Tree, ulong Mask, int Categories);

    internal readonly record struct FeatureRange(int Feature, int Start, int MissingStart, int MissingCount);
}
