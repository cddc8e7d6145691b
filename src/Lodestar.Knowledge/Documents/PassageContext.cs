namespace Lodestar.Knowledge.Documents;

/// <summary>A chunk together with the document facts a citation needs.</summary>
public sealed record PassageContext(DocumentChunk Chunk, string Source, string Title);
