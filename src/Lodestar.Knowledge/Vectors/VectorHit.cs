namespace Lodestar.Knowledge.Vectors;

/// <summary>One search result; <paramref name="Score"/> is the cosine similarity (vectors are L2-normalised on insert).</summary>
public sealed record VectorHit(string ChunkId, string DocumentId, float Score);
