using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Lodestar.Governance.Privacy;

/// <summary>
/// Redacts personal data from everything sent to a model provider (message text and instructions) under the
/// policy's <see cref="PiiScope.OutboundLlm"/> rules. The caller's messages are copied, never modified.
/// Microsoft.Extensions.AI.Abstractions has no ChatClientBuilder, so hosts wrap the client directly.
/// </summary>
public sealed class PiiRedactingChatClient : DelegatingChatClient
{
    private readonly PiiRedactor _redactor;
    private readonly Func<PiiPolicy?> _policy;

    public PiiRedactingChatClient(IChatClient innerClient, PiiRedactor redactor, PiiPolicy policy)
        : this(innerClient, redactor, () => policy)
    {
    }

    /// <summary>Asks <paramref name="currentPolicy"/> on every call (e.g. the policy of the knowledge base being answered); null sends text unchanged.</summary>
    public PiiRedactingChatClient(IChatClient innerClient, PiiRedactor redactor, Func<PiiPolicy?> currentPolicy)
        : base(innerClient)
    {
        _redactor = redactor;
        _policy = currentPolicy;
    }

    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(Redact(messages), Redact(options), cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(Redact(messages), Redact(options), cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private List<ChatMessage> Redact(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var result = new List<ChatMessage>();
        foreach (var message in messages)
        {
            var copy = message.Clone();
            copy.Contents = [.. message.Contents.Select(Redact)];
            result.Add(copy);
        }

        return result;
    }

    private AIContent Redact(AIContent content) => content switch
    {
        TextContent text when text.Text is { Length: > 0 } => new TextContent(RedactText(text.Text))
        {
            AdditionalProperties = text.AdditionalProperties,
            Annotations = text.Annotations,
        },
        TextReasoningContent reasoning when reasoning.Text is { Length: > 0 } => new TextReasoningContent(RedactText(reasoning.Text))
        {
            AdditionalProperties = reasoning.AdditionalProperties,
        },
        _ => content,
    };

    private ChatOptions? Redact(ChatOptions? options)
    {
        if (options?.Instructions is not { Length: > 0 } instructions)
        {
            return options;
        }

        var copy = options.Clone();
        copy.Instructions = RedactText(instructions);
        return copy;
    }

    private string RedactText(string text) => _policy() is { } policy ? _redactor.Redact(text, policy, PiiScope.OutboundLlm).Text : text;
}
