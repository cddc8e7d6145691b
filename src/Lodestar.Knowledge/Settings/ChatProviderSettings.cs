namespace Lodestar.Knowledge.Settings;

/// <summary>
/// An OpenAI-compatible chat endpoint that writes a knowledge base's answers. The API key is never stored:
/// <paramref name="ApiKeyEnv"/> names the environment variable every node reads it from.
/// </summary>
public sealed record ChatProviderSettings(Uri BaseUrl, string Model, string? ApiKeyEnv = null, int TimeoutSeconds = 60, int MaxRetries = 2);
