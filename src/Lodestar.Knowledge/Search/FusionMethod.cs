namespace Lodestar.Knowledge.Search;

/// <summary>How hybrid search combines rankings.</summary>
public enum FusionMethod
{
    /// <summary>Min-max normalised scores, weighted by <see cref="KnowledgeOptions.HybridDenseWeight"/>.</summary>
    Weighted,

    /// <summary>Reciprocal rank fusion with <see cref="KnowledgeOptions.ReciprocalRankK"/>, the same weights applied per list.</summary>
    Reciprocal,
}
