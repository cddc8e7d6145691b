namespace Lodestar.Knowledge.Settings;

/// <summary>
/// Which model embeds a knowledge base's passages and queries. <paramref name="Provider"/>: <c>local</c> (the host's
/// sentence encoder), <c>openai</c> (an OpenAI-compatible <c>/v1/embeddings</c> endpoint at <paramref name="BaseUrl"/>
/// serving <paramref name="Model"/>) or <c>none</c> (BM25 only). The API key is never stored: <paramref name="ApiKeyEnv"/>
/// names the environment variable every node reads it from.
/// </summary>
public sealed record EmbeddingProviderSettings(string Provider, Uri? BaseUrl = null, string? Model = null, string? ApiKeyEnv = null, int? Dimensions = null)
{
    public const string Local = "local";
    public const string OpenAI = "openai";
    public const string None = "none";
}
