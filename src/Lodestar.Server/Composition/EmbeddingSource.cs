namespace Lodestar.Server.Composition;

/// <summary>Where knowledge bases get their embedding generator from.</summary>
public enum EmbeddingSource
{
    /// <summary>The local sentence encoder when its weights are in the model cache; BM25 only otherwise.</summary>
    Auto,

    /// <summary>No embeddings: BM25 only (fast ingestion, deterministic tests).</summary>
    None,
}
