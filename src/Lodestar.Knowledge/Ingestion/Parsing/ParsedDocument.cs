namespace Lodestar.Knowledge.Ingestion;

/// <summary>A document reduced to readable text plus the blocks that structure it, in text order.</summary>
public sealed record ParsedDocument(string Title, string Text, IReadOnlyList<DocumentSection> Blocks, string ContentType);
