namespace Lodestar.Models.Training;

/// <summary>The arrays <see cref="QuickScorer"/> scores with (built by <see cref="QuickScorerBuilder"/>).</summary>
internal sealed class QuickScorerLayout
{
    /// <summary>Columns a row must have: one more than the highest feature a node tests.</summary>
    public required int Width { get; init; }

    /// <summary>Splits between a feature's checkpoints.</summary>
    public required int Stride { get; init; }

    public required QuickScorer.NumericFeature[] Numeric { get; init; }

    public required QuickScorer.Split[] Splits { get; init; }

    /// <summary>Per checkpoint, the threshold of the last split it holds.</summary>
    public required double[] Bounds { get; init; }

    /// <summary>Per checkpoint, every tree's word after its splits.</summary>
    public required ulong[] Checkpoints { get; init; }

    public required QuickScorer.LeafMask[] MissingRight { get; init; }

    public required QuickScorerCategories Categories { get; init; }

    /// <summary>Leaf values of all trees, left to right; tree t's start at LeafStart[t].</summary>
    public required double[] LeafValues { get; init; }

    public required int[] LeafStart { get; init; }
}
