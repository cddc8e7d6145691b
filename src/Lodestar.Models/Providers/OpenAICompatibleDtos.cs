using System.Text.Json.Serialization;

namespace Lodestar.Models.Providers;

// Wire shapes of the OpenAI REST API; only the fields Lodestar reads or writes.
internal sealed record ChatRequestDto(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("messages")] IReadOnlyList<ChatMessageDto> Messages,
    [property: JsonPropertyName("stream")] bool Stream,
    [property: JsonPropertyName("temperature")] float? Temperature,
    [property: JsonPropertyName("max_tokens")] int? MaxTokens,
    [property: JsonPropertyName("stop")] IReadOnlyList<string>? Stop,
    [property: JsonPropertyName("stream_options"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StreamOptionsDto? StreamOptions = null);

/// <summary>Asks a streaming server for a final usage chunk (OpenAI, Azure 2024-09+, vLLM, llama.cpp, Ollama); others ignore it.</summary>
internal sealed record StreamOptionsDto([property: JsonPropertyName("include_usage")] bool IncludeUsage);

internal sealed record ChatMessageDto(
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("content")] string? Content);

internal sealed record ChatResponseDto(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatChoiceDto>? Choices,
    [property: JsonPropertyName("usage")] UsageDto? Usage);

internal sealed record ChatChoiceDto(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message")] ChatMessageDto? Message,
    [property: JsonPropertyName("delta")] ChatMessageDto? Delta,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

internal sealed record UsageDto(
    [property: JsonPropertyName("prompt_tokens")] int? PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int? CompletionTokens,
    [property: JsonPropertyName("total_tokens")] int? TotalTokens);

internal sealed record EmbeddingRequestDto(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("input")] IReadOnlyList<string> Input);

internal sealed record EmbeddingResponseDto(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("data")] IReadOnlyList<EmbeddingDataDto>? Data,
    [property: JsonPropertyName("usage")] UsageDto? Usage);

internal sealed record EmbeddingDataDto(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("embedding")] float[]? Embedding);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatRequestDto))]
[JsonSerializable(typeof(ChatResponseDto))]
[JsonSerializable(typeof(EmbeddingRequestDto))]
[JsonSerializable(typeof(EmbeddingResponseDto))]
internal sealed partial class OpenAICompatibleJson : JsonSerializerContext;
