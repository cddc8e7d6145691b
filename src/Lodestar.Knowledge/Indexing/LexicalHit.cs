namespace Lodestar.Knowledge.Indexing;

/// <summary>A search result: the chunk, its document and its BM25 score.</summary>
public sealed record LexicalHit(string ChunkId, string DocumentId, float Score);
