namespace Lodestar.Knowledge.Indexes;

/// <summary>
/// How far a knowledge base's indexes have caught up with its store: the change-log sequence each index has
/// committed, and which embedding model (id and version, e.g. <c>use-lite-0.2.0</c>) built the committed vectors.
/// <see cref="VectorsCurrent"/> is false while vectors are missing, behind, or built by another model than the
/// configured one (a background re-embedding, <see cref="Reembedding"/>, then builds new ones while the old serve).
/// <see cref="LexicalCurrent"/> is false while the BM25 index is behind or was built with other analyzer settings
/// (<see cref="LexicalAnalyzer"/> against <see cref="ConfiguredAnalyzer"/>; it is rebuilt on the next catch-up).
/// </summary>
public sealed record KnowledgeBaseStatus(
    long LatestSequence,
    long LexicalSequence,
    long VectorSequence,
    string? EmbeddingModel,
    string? ConfiguredEmbeddingModel,
    int VectorDimensions,
    bool LexicalCurrent,
    bool VectorsCurrent,
    bool Indexing,
    string LexicalAnalyzer,
    string ConfiguredAnalyzer,
    ReembeddingStatus? Reembedding);
