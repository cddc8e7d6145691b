namespace Lodestar.Models.Training;

/// <summary>A node while its tree grows: its row range, sums, histogram (released once children exist) and best split.</summary>
internal sealed class GrowingNode
{
    public int Start { get; init; }

    public int Count { get; init; }

    public int Depth { get; init; }

    public HistogramBin Sums { get; set; }

    public HistogramBin[]? Histogram { get; set; }

    public SplitCandidate? Split { get; set; }

    public int LeftChild { get; set; } = -1;

    public int RightChild { get; set; } = -1;

    public double Value { get; set; }
}
