namespace Lodestar.Knowledge.Vectors;

/// <summary>How a <see cref="VectorIndex"/> finds neighbours: exact scan or an HNSW graph.</summary>
public enum VectorIndexKind
{
    Flat,
    Hnsw,
}
