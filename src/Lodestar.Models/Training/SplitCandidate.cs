namespace Lodestar.Models.Training;

/// <summary>The best split found for a node: which feature, where, where missing values go, and the child sums.</summary>
internal sealed class SplitCandidate
{
    public int Feature { get; init; }

    public double Gain { get; init; }

    /// <summary>Numeric splits: rows with bin &lt;= this go left.</summary>
    public int Bin { get; init; }

    public bool MissingLeft { get; init; }

    /// <summary>Categorical splits: the bins (bin 255 = missing) that go left; null for numeric splits.</summary>
    public ulong[]? LeftCategories { get; init; }

    public HistogramBin Left { get; init; }

    public HistogramBin Right { get; init; }

    public bool GoesLeft(byte bin) =>
        LeftCategories is { } set ? (set[bin >> 6] & (1UL << (bin & 63))) != 0
        : bin == FeatureBinner.MissingBin ? MissingLeft
        : bin <= Bin;
}
