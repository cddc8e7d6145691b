namespace Lodestar.Server.Composition;

/// <summary>What a host (server or CLI) must decide before composing Lodestar's services.</summary>
public sealed class LodestarHostOptions
{
    /// <summary>Root of the embedded store (SQLite database and index files).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Which embedding generator backs dense and hybrid search; env <c>LODESTAR_EMBEDDINGS=none</c> turns it off.</summary>
    public EmbeddingSource Embeddings { get; init; } =
        string.Equals(Environment.GetEnvironmentVariable("LODESTAR_EMBEDDINGS"), "none", StringComparison.OrdinalIgnoreCase) ? EmbeddingSource.None : EmbeddingSource.Auto;
}
