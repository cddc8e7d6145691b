namespace Lodestar.Knowledge.Indexing;

/// <summary>A segment as of one commit: the immutable segment plus that commit's deletions (null when none).</summary>
internal sealed class SegmentView(Segment segment, ulong[]? deleted, int deletedCount)
{
    public Segment Segment { get; } = segment;

    public ulong[]? Deleted { get; } = deleted;

    public int DeletedCount { get; } = deletedCount;

    public int LiveCount => Segment.DocCount - DeletedCount;

    public bool IsDeleted(int doc) => Deleted is { } bits && (bits[doc >> 6] & (1UL << doc)) != 0;

    /// <summary>Copy-on-write: returns a view with the given extra documents deleted.</summary>
    public SegmentView WithDeleted(List<int> docs)
    {
        var bits = Deleted is null ? new ulong[(Segment.DocCount + 63) >> 6] : (ulong[])Deleted.Clone();
        var count = DeletedCount;
        foreach (var doc in docs)
        {
            ref var word = ref bits[doc >> 6];
            var mask = 1UL << doc;
            if ((word & mask) == 0)
            {
                word |= mask;
                count++;
            }
        }

        return new SegmentView(Segment, bits, count);
    }
}
