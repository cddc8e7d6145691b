namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// Similarity of one prepared query to stored vector ids. Graph walks are generic over it (implemented by ref structs),
/// so the JIT specialises each walk for full-precision or int8 scoring with no virtual call per distance.
/// </summary>
internal interface IQuerySimilarity
{
    float Score(int id);
}
