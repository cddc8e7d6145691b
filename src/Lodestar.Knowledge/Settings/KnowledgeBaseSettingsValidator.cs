using System.Globalization;
using Lodestar.Core;

namespace Lodestar.Knowledge.Settings;

/// <summary>Checks settings before they are saved, so a bad value is a clear 400 / one-line CLI error, never a broken index.</summary>
public static class KnowledgeBaseSettingsValidator
{
    private const int MaxStopWords = 10_000;
    private const int MaxStopWordLength = 64;

    public static void Validate(KnowledgeBaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Analyzer is { } analyzer)
        {
            ValidateAnalyzer(analyzer);
        }

        if (settings.Bm25 is { } bm25 && (!float.IsFinite(bm25.K1) || bm25.K1 is < 0 or > 10 || !float.IsFinite(bm25.B) || bm25.B is < 0 or > 1))
        {
            throw LodestarException.Invalid(string.Create(CultureInfo.InvariantCulture, $"bm25 out of range: k1={bm25.K1} (needs 0..10), b={bm25.B} (needs 0..1)"));
        }

        if (settings.Chunking is { } chunking && (chunking.MaxTokens is < 32 or > 4096 || chunking.OverlapTokens < 0 || chunking.OverlapTokens >= chunking.MaxTokens))
        {
            throw LodestarException.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"chunking out of range: maxTokens={chunking.MaxTokens} (needs 32..4096), overlapTokens={chunking.OverlapTokens} (needs 0..maxTokens-1)"));
        }

        if (settings.Embedding is { } embedding)
        {
            ValidateEmbedding(embedding);
        }

        if (settings.Chat is { } chat)
        {
            ValidateEndpoint("chat", chat.BaseUrl, chat.Model, chat.ApiKeyEnv);
            if (chat.TimeoutSeconds is < 1 or > 600 || chat.MaxRetries is < 0 or > 10)
            {
                throw LodestarException.Invalid(string.Create(CultureInfo.InvariantCulture,
                    $"chat timeouts out of range: timeoutSeconds={chat.TimeoutSeconds} (needs 1..600), maxRetries={chat.MaxRetries} (needs 0..10)"));
            }
        }
    }

    private static void ValidateAnalyzer(AnalyzerSettings analyzer)
    {
        if (analyzer.Stemmer is not ("porter" or "none"))
        {
            throw LodestarException.Invalid($"unknown stemmer '{analyzer.Stemmer}': use porter or none");
        }

        switch (analyzer.StopWords)
        {
            case "english" or "none" when analyzer.CustomStopWords is { Count: > 0 }:
                throw LodestarException.Invalid("a stop-word list needs stopWords=custom");
            case "english" or "none":
                return;
            case "custom" when analyzer.CustomStopWords is not { Count: > 0 and <= MaxStopWords }:
                throw LodestarException.Invalid($"stopWords=custom needs a list of 1..{MaxStopWords} words");
            case "custom":
                foreach (var word in analyzer.CustomStopWords)
                {
                    if (string.IsNullOrWhiteSpace(word) || word.Length > MaxStopWordLength || word.Any(char.IsWhiteSpace))
                    {
                        throw LodestarException.Invalid($"stop word '{word}' must be one word of 1..{MaxStopWordLength} characters");
                    }
                }

                return;
            default:
                throw LodestarException.Invalid($"unknown stop words '{analyzer.StopWords}': use english, none or custom");
        }
    }

    private static void ValidateEmbedding(EmbeddingProviderSettings embedding)
    {
        switch (embedding.Provider)
        {
            case EmbeddingProviderSettings.Local or EmbeddingProviderSettings.None when embedding.BaseUrl is not null || embedding.Model is not null || embedding.ApiKeyEnv is not null:
                throw LodestarException.Invalid($"embedding provider '{embedding.Provider}' takes no baseUrl, model or apiKeyEnv");
            case EmbeddingProviderSettings.Local or EmbeddingProviderSettings.None:
                break;
            case EmbeddingProviderSettings.OpenAI:
                ValidateEndpoint("embedding", embedding.BaseUrl, embedding.Model, embedding.ApiKeyEnv);
                break;
            default:
                throw LodestarException.Invalid($"unknown embedding provider '{embedding.Provider}': use local, openai or none");
        }

        if (embedding.Dimensions is < 1 or > 8192)
        {
            throw LodestarException.Invalid(string.Create(CultureInfo.InvariantCulture, $"embedding dimensions {embedding.Dimensions} out of range (needs 1..8192)"));
        }
    }

    private static void ValidateEndpoint(string what, Uri? baseUrl, string? model, string? apiKeyEnv)
    {
        if (baseUrl is null || !baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(baseUrl.UserInfo))
        {
            throw LodestarException.Invalid($"{what} baseUrl must be an absolute http(s) URL without credentials, e.g. http://localhost:11434/v1/");
        }

        if (string.IsNullOrWhiteSpace(model) || model.Length > 200)
        {
            throw LodestarException.Invalid($"{what} model must name the model (1..200 characters)");
        }

        // Only the variable's name is stored: a pasted key (e.g. "sk-...") is refused rather than saved in the database.
        if (apiKeyEnv is not null && (apiKeyEnv.Length is 0 or > 128 || !(char.IsAsciiLetter(apiKeyEnv[0]) || apiKeyEnv[0] == '_')
            || apiKeyEnv.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '_'))))
        {
            throw LodestarException.Invalid($"{what} apiKeyEnv must be the name of an environment variable (letters, digits, _), not the key itself");
        }
    }
}
