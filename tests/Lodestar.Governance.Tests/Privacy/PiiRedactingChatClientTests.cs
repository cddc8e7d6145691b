using Lodestar.Governance.Privacy;
using Microsoft.Extensions.AI;

namespace Lodestar.Governance.Tests.Privacy;

public sealed class PiiRedactingChatClientTests
{
    [Fact]
    public async Task GetResponseAsync_MessagesWithPii_ProviderSeesRedactedCopies()
    {
        var provider = new RecordingChatClient();
        using var client = new PiiRedactingChatClient(provider, new PiiRedactor(), PiiPolicy.CreateDefault());
        var original = new ChatMessage(ChatRole.User, "My card is 4111 1111 1111 1111, mail me at a@example.com");

        await client.GetResponseAsync([original], new ChatOptions { Instructions = "Never call 415-555-2671" });

        Assert.Equal("My card is <CREDIT_CARD>, mail me at <EMAIL>", Assert.Single(provider.Messages).Text);
        Assert.Equal("Never call <PHONE>", provider.Options!.Instructions);
        Assert.Equal("My card is 4111 1111 1111 1111, mail me at a@example.com", original.Text);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_MessagesWithPii_ProviderSeesRedactedText()
    {
        var provider = new RecordingChatClient();
        var policy = new PiiPolicy { Rules = [new PiiRule { Entity = PiiEntityTypes.UsSsn, Scopes = PiiScope.OutboundLlm }] };
        using var client = new PiiRedactingChatClient(provider, new PiiRedactor(), policy);

        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "ssn 123-45-6789")]))
        {
            Assert.Equal("ok", update.Text);
        }

        Assert.Equal("ssn <US_SSN>", Assert.Single(provider.Messages).Text);
    }

    /// <summary>Stands in for a model provider (none runs here) and records what it was sent.</summary>
    private sealed class RecordingChatClient : IChatClient
    {
        public List<ChatMessage> Messages { get; } = [];

        public ChatOptions? Options { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Messages.AddRange(messages);
            Options = options;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Messages.AddRange(messages);
            Options = options;
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "ok");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
