namespace Lodestar.Knowledge.Indexing;

/// <summary>One committed state of the index; immutable, so searches never see a commit half applied.</summary>
internal sealed class IndexSnapshot(IReadOnlyList<SegmentView> segments, long generation, int nextSegmentNumber)
{
    public static readonly IndexSnapshot Empty = new([], 0, 1);

    public IReadOnlyList<SegmentView> Segments { get; } = segments;

    public long Generation { get; } = generation;

    public int NextSegmentNumber { get; } = nextSegmentNumber;

    public int LiveCount { get; } = SumLive(segments);

    private static int SumLive(IReadOnlyList<SegmentView> segments)
    {
        var live = 0;
        foreach (var view in segments)
        {
            live += view.LiveCount;
        }

        return live;
    }
}
