namespace Lodestar.Knowledge.Vectors;

/// <summary>An int id in a <see cref="VectorStore"/> with its similarity to a query (higher is closer).</summary>
public readonly record struct ScoredId(int Id, float Score);
