namespace Lodestar.Knowledge.Vectors;

/// <summary>Full-precision cosine of a unit query against the store's unit vectors.</summary>
internal readonly ref struct FloatSimilarity(VectorStore store, ReadOnlySpan<float> query) : IQuerySimilarity
{
    private readonly ReadOnlySpan<float> _query = query;

    public float Score(int id) => store.Similarity(_query, id);
}
