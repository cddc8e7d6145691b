namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// A retrievable slice of a document. <paramref name="Text"/> is exactly <c>document.Text[StartOffset..EndOffset]</c>,
/// so a citation can point at the precise place; <paramref name="HeadingPath"/> is that of the chunk's first block.
/// </summary>
public sealed record Chunk(int Ordinal, string Text, string HeadingPath, int StartOffset, int EndOffset, int TokenCount);
