namespace Lodestar.Knowledge.Indexing;

/// <summary>
/// Segment file layout (little-endian, varints are LEB128):
/// magic, version, docCount, per doc {chunkId, documentId, length}, termCount,
/// per term in ordinal order {term, docFreq, postingsByteLength}, all postings back to back, CRC-32 of the rest.
/// </summary>
internal static class SegmentFormat
{
    public const uint Magic = 0x4753_584C; // "LXSG"
    public const uint Version = 1;
    public const string Extension = ".lxs";
}
