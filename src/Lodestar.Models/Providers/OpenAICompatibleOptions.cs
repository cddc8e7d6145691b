namespace Lodestar.Models.Providers;

/// <summary>
/// Where and how to reach an OpenAI-compatible server. <see cref="BaseUrl"/> is the API root that
/// <c>chat/completions</c> and <c>embeddings</c> sit under, including its version segment:
/// <c>https://api.openai.com/v1/</c>, Ollama <c>http://localhost:11434/v1/</c>, vLLM and llama.cpp
/// <c>http://host:8000/v1/</c>, Azure OpenAI <c>https://NAME.openai.azure.com/openai/v1/</c>.
/// <see cref="Timeout"/> bounds each attempt; <see cref="MaxRetries"/> counts retries after the first attempt.
/// Azure OpenAI's deployment URLs (<c>https://NAME.openai.azure.com/openai/deployments/DEPLOYMENT/</c>) need
/// <see cref="AzureApiVersion"/>, sent as <c>?api-version=</c>; Azure hosts get the key in an <c>api-key</c> header.
/// </summary>
public sealed record OpenAICompatibleOptions(Uri BaseUrl, string? ApiKey, string Model, TimeSpan Timeout, int MaxRetries)
{
    /// <summary>Azure OpenAI <c>api-version</c> (e.g. <c>2024-10-21</c>) for deployment URLs; null for every other server.</summary>
    public string? AzureApiVersion { get; init; }

    /// <summary>Longest server-requested wait (<c>Retry-After</c>) honoured before a retry; longer requests fail fast.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Azure endpoints authenticate with an <c>api-key</c> header rather than a bearer token.</summary>
    internal bool UsesApiKeyHeader =>
        AzureApiVersion is not null
        || BaseUrl.Host.EndsWith(".openai.azure.com", StringComparison.OrdinalIgnoreCase)
        || BaseUrl.Host.EndsWith(".cognitiveservices.azure.com", StringComparison.OrdinalIgnoreCase);

    internal void Validate()
    {
        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw Core.LodestarException.Invalid($"the provider base URL '{BaseUrl}' must be an absolute http(s) URL such as http://localhost:11434/v1/");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            throw Core.LodestarException.Invalid("the provider model name is empty");
        }

        if (AzureApiVersion is { } version && (version.Length is 0 or > 64 || !version.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')))
        {
            throw Core.LodestarException.Invalid($"the Azure api-version '{version}' is not a version such as 2024-10-21");
        }

        if (Timeout <= TimeSpan.Zero || MaxRetries < 0)
        {
            throw Core.LodestarException.Invalid("the provider timeout must be positive and its retry count not negative");
        }
    }
}
