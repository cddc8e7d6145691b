using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Lodestar.Models.Providers;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> over <c>POST {BaseUrl}embeddings</c>. Vectors come back
/// in input order whatever order the server lists them in (each carries its input's index).
/// </summary>
public sealed class OpenAICompatibleEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const string Path = "embeddings";

    private readonly OpenAICompatibleTransport _transport;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OpenAICompatibleEmbeddingGenerator(HttpClient httpClient, OpenAICompatibleOptions options)
        : this(new OpenAICompatibleTransport(httpClient, options))
    {
    }

    internal OpenAICompatibleEmbeddingGenerator(OpenAICompatibleTransport transport)
    {
        _transport = transport;
        _metadata = new EmbeddingGeneratorMetadata("openai-compatible", transport.Endpoint(string.Empty), transport.Model);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.ToList();
        if (inputs.Count == 0)
        {
            return [];
        }

        var request = new EmbeddingRequestDto(options?.ModelId ?? _transport.Model, inputs);
        using var response = await _transport.PostAsync(Path, request, OpenAICompatibleJson.Default.EmbeddingRequestDto, headersOnly: false, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        EmbeddingResponseDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(body, OpenAICompatibleJson.Default.EmbeddingResponseDto);
        }
        catch (JsonException ex)
        {
            throw _transport.Malformed(Path, $"invalid JSON ({ex.Message})", ex);
        }

        if (dto?.Data is not { } data || data.Count != inputs.Count)
        {
            throw _transport.Malformed(Path, $"expected {inputs.Count} embeddings, got {dto?.Data?.Count ?? 0}");
        }

        var ordered = new Embedding<float>?[inputs.Count];
        var model = dto.Model ?? _transport.Model;
        foreach (var item in data)
        {
            if (item.Index < 0 || item.Index >= ordered.Length || ordered[item.Index] is not null || item.Embedding is not { Length: > 0 } vector)
            {
                throw _transport.Malformed(Path, $"embedding index {item.Index} is out of range, repeated or has no vector");
            }

            ordered[item.Index] = new Embedding<float>(vector) { ModelId = model };
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(ordered!);
        if (dto.Usage is { } usage)
        {
            result.Usage = new UsageDetails { InputTokenCount = usage.PromptTokens, TotalTokenCount = usage.TotalTokens };
        }

        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>The HttpClient belongs to whoever passed it in (usually IHttpClientFactory).</summary>
    public void Dispose()
    {
    }
}
