using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Lodestar.Models.Providers;

/// <summary>
/// An <see cref="IChatClient"/> over <c>POST {BaseUrl}chat/completions</c>, plain or streamed as server-sent
/// events (<c>data: {json}</c> lines ending with <c>data: [DONE]</c>). Streaming retries only the request itself:
/// once tokens have been handed out, a broken stream fails rather than repeating them.
/// </summary>
public sealed class OpenAICompatibleChatClient : IChatClient
{
    private const string Path = "chat/completions";
    private const string DataPrefix = "data:";

    private readonly OpenAICompatibleTransport _transport;
    private readonly ChatClientMetadata _metadata;

    public OpenAICompatibleChatClient(HttpClient httpClient, OpenAICompatibleOptions options)
        : this(new OpenAICompatibleTransport(httpClient, options))
    {
    }

    internal OpenAICompatibleChatClient(OpenAICompatibleTransport transport)
    {
        _transport = transport;
        _metadata = new ChatClientMetadata("openai-compatible", transport.Endpoint(string.Empty), transport.Model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var response = await _transport.PostAsync(Path, ToRequest(messages, options, stream: false), OpenAICompatibleJson.Default.ChatRequestDto, headersOnly: false, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var dto = Parse(body);
        var choice = dto.Choices is { Count: > 0 } choices ? choices[0] : throw _transport.Malformed(Path, "no choices");
        var content = choice.Message?.Content ?? throw _transport.Malformed(Path, "the first choice has no message content");
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, content))
        {
            ResponseId = dto.Id,
            ModelId = dto.Model ?? _transport.Model,
            FinishReason = choice.FinishReason is { } reason ? new ChatFinishReason(reason) : null,
            Usage = dto.Usage is { } usage ? ToUsage(usage) : null,
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await _transport.PostAsync(Path, ToRequest(messages, options, stream: true), OpenAICompatibleJson.Default.ChatRequestDto, headersOnly: true, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        var done = false;
        while (!done && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            // SSE: blank lines separate events, ':' lines are comments (keep-alives); only data lines carry chunks.
            if (!line.StartsWith(DataPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var data = line.AsSpan(DataPrefix.Length).Trim().ToString();
            if (data == "[DONE]")
            {
                done = true;
                continue;
            }

            var chunk = Parse(data);
            if (chunk.Usage is { } usage)
            {
                // The usage chunk (sent last when stream_options.include_usage is set) is what prices a streamed answer.
                yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(ToUsage(usage))]) { ResponseId = chunk.Id, ModelId = chunk.Model ?? _transport.Model };
            }

            if (chunk.Choices is not { Count: > 0 } choices)
            {
                continue;
            }

            var choice = choices[0];
            yield return new ChatResponseUpdate(choice.Delta?.Role is { } role ? new ChatRole(role) : ChatRole.Assistant, choice.Delta?.Content)
            {
                ResponseId = chunk.Id,
                ModelId = chunk.Model ?? _transport.Model,
                FinishReason = choice.FinishReason is { } reason ? new ChatFinishReason(reason) : null,
            };
        }

        if (!done)
        {
            throw _transport.Malformed(Path, "the stream ended without 'data: [DONE]'");
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null : serviceType == typeof(ChatClientMetadata) ? _metadata : serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>The HttpClient belongs to whoever passed it in (usually IHttpClientFactory).</summary>
    public void Dispose()
    {
    }

    private ChatRequestDto ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var wire = messages.Select(m => new ChatMessageDto(m.Role.Value, m.Text)).ToList();
        return new ChatRequestDto(
            options?.ModelId ?? _transport.Model, wire, stream, options?.Temperature, options?.MaxOutputTokens, options?.StopSequences?.ToList(), stream ? new StreamOptionsDto(IncludeUsage: true) : null);
    }

    private static UsageDetails ToUsage(UsageDto usage) =>
        new() { InputTokenCount = usage.PromptTokens, OutputTokenCount = usage.CompletionTokens, TotalTokenCount = usage.TotalTokens };

    private ChatResponseDto Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, OpenAICompatibleJson.Default.ChatResponseDto) ?? throw _transport.Malformed(Path, "null body");
        }
        catch (JsonException ex)
        {
            throw _transport.Malformed(Path, $"invalid JSON ({ex.Message})", ex);
        }
    }
}
