namespace Lodestar.Knowledge.Indexing;

/// <summary>One retrievable unit (a chunk) of a source document.</summary>
public sealed record LexicalDocument(string ChunkId, string DocumentId, string Title, string Body);
