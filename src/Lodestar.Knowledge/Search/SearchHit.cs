namespace Lodestar.Knowledge.Search;

/// <summary>A ranked passage (CONTRACT.md search result), with what a citation needs to point at it.</summary>
public sealed record SearchHit(
    string DocumentId,
    string Source,
    string Title,
    string ChunkId,
    string HeadingPath,
    double Score,
    string Snippet,
    string Text,
    int StartOffset,
    int EndOffset);
