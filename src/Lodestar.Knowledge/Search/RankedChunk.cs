namespace Lodestar.Knowledge.Search;

/// <summary>A chunk as a retriever ranked it, before its text is read from the store.</summary>
internal readonly record struct RankedChunk(string ChunkId, string DocumentId, double Score);
