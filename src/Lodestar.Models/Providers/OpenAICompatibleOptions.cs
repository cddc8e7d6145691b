namespace Lodestar.Models.Providers;

/// <summary>
/// Where and how to reach an OpenAI-compatible server. <see cref="BaseUrl"/> is the API root that
/// <c>chat/completions</c> and <c>embeddings</c> sit under, including its version segment:
/// <c>https://api.openai.com/v1/</c>, Ollama <c>http://localhost:11434/v1/</c>, vLLM and llama.cpp
/// <c>http://host:8000/v1/</c>, Azure OpenAI <c>https://NAME.openai.azure.com/openai/v1/</c>.
/// <see cref="Timeout"/> bounds each attempt; <see cref="MaxRetries"/> counts retries after the first attempt.
/// </summary>
public sealed record OpenAICompatibleOptions(Uri BaseUrl, string? ApiKey, string Model, TimeSpan Timeout, int MaxRetries)
{
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

        if (Timeout <= TimeSpan.Zero || MaxRetries < 0)
        {
            throw Core.LodestarException.Invalid("the provider timeout must be positive and its retry count not negative");
        }
    }
}
