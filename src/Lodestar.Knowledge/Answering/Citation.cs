namespace Lodestar.Knowledge.Answering;

/// <summary>A numbered source of an answer: <c>[Index]</c> in the text points here, and <see cref="Snippet"/> is verbatim passage text.</summary>
public sealed record Citation(
    int Index,
    string DocumentId,
    string Source,
    string Title,
    string HeadingPath,
    string ChunkId,
    string Snippet,
    int StartOffset,
    int EndOffset);
