using Lodestar.Core;
using Lodestar.Models.Providers;
using Lodestar.Testing;
using Microsoft.Extensions.AI;

namespace Lodestar.Models.Tests.Providers;

public sealed class OpenAICompatibleChatClientTests
{
    private const string Completion = """{"id":"c1","model":"tiny","choices":[{"index":0,"message":{"role":"assistant","content":"Paris [1]"},"finish_reason":"stop"}],"usage":{"prompt_tokens":7,"completion_tokens":3,"total_tokens":10}}""";

    [Fact]
    public async Task GetResponseAsync_PlainCompletion_ReturnsTextUsageAndSendsBearerKey()
    {
        await using var server = new ScriptedHttpServer(e => e.ReplyAsync(200, Completion));
        using var http = new HttpClient();
        var client = Client(http, server, "secret", TimeSpan.FromSeconds(5), 0);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, "be brief"), new ChatMessage(ChatRole.User, "capital of France?")]);

        Assert.Equal("Paris [1]", response.Text);
        Assert.Equal("tiny", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(10, response.Usage?.TotalTokenCount);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer secret", request.Authorization);
        Assert.Contains("\"capital of France?\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"m\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SseChunks_YieldsUpdatesInOrderAsTheyArrive()
    {
        var release = new SemaphoreSlim(0);
        await using var server = new ScriptedHttpServer(async e =>
        {
            await e.SendChunkAsync(": keep-alive\n\n" + Delta("Hel"));
            // The second chunk is held back until the client has seen the first: proof of incremental delivery.
            await release.WaitAsync(TimeSpan.FromSeconds(10));
            await e.SendChunkAsync(Delta("lo ") + Delta("world"));
            await e.SendChunkAsync("data: [DONE]\n\n");
        });
        using var http = new HttpClient();
        var client = Client(http, server, null, TimeSpan.FromSeconds(5), 0);

        var parts = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
        {
            parts.Add(update.Text);
            if (parts.Count == 1)
            {
                release.Release();
            }
        }

        Assert.Equal(["Hel", "lo ", "world"], parts);
        Assert.Contains("\"stream\":true", Assert.Single(server.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UsageChunk_YieldsUsageContentAndAsksForIt()
    {
        await using var server = new ScriptedHttpServer(async e =>
        {
            await e.SendChunkAsync(Delta("Paris"));
            await e.SendChunkAsync("""data: {"id":"c1","model":"tiny","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16}}""" + "\n\n");
            await e.SendChunkAsync("data: [DONE]\n\n");
        });
        using var http = new HttpClient();
        var client = Client(http, server, null, TimeSpan.FromSeconds(5), 0);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "capital of France?")]))
        {
            updates.Add(update);
        }

        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()).Details;
        Assert.Equal((12L, 4L), (usage.InputTokenCount, usage.OutputTokenCount));
        Assert.Equal("Paris", string.Concat(updates.Select(u => u.Text)));
        Assert.Contains("\"stream_options\":{\"include_usage\":true}", Assert.Single(server.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StreamWithoutDone_ThrowsUnavailable()
    {
        await using var server = new ScriptedHttpServer(e => e.SendChunkAsync(Delta("partial")));
        using var http = new HttpClient();
        var client = Client(http, server, null, TimeSpan.FromSeconds(5), 0);

        var error = await Assert.ThrowsAsync<LodestarException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
            {
                Assert.Equal("partial", update.Text);
            }
        });

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains("[DONE]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_ServerErrorThenSuccess_Retries()
    {
        var calls = 0;
        await using var server = new ScriptedHttpServer(e => Interlocked.Increment(ref calls) == 1 ? e.ReplyAsync(500, "boom") : e.ReplyAsync(200, Completion));
        using var http = new HttpClient();
        var client = Client(http, server, null, TimeSpan.FromSeconds(5), 2);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "q")]);

        Assert.Equal("Paris [1]", response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_ServerErrorEveryTime_ThrowsUnavailableAfterRetries()
    {
        await using var server = new ScriptedHttpServer(e => e.ReplyAsync(503, "overloaded"));
        using var http = new HttpClient();
        var client = Client(http, server, null, TimeSpan.FromSeconds(5), 2);

        var error = await Assert.ThrowsAsync<LodestarException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "q")]));

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains("chat/completions", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_Unauthorized_FailsWithoutRetry()
    {
        await using var server = new ScriptedHttpServer(e => e.ReplyAsync(401, """{"error":"bad key"}"""));
        using var http = new HttpClient();
        var client = Client(http, server, "wrong", TimeSpan.FromSeconds(5), 3);

        var error = await Assert.ThrowsAsync<LodestarException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "q")]));

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("bad key", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_ServerSlowerThanTimeout_ThrowsUnavailableAfterRetrying()
    {
        await using var server = new ScriptedHttpServer(async e =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), e.Stopping);
            await e.ReplyAsync(200, Completion);
        });
        using var http = new HttpClient();
        var client = Client(http, server, null, TimeSpan.FromMilliseconds(200), 1);

        var error = await Assert.ThrowsAsync<LodestarException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "q")]));

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains("did not answer within", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var server = new ScriptedHttpServer(async e => await Task.Delay(TimeSpan.FromSeconds(5), e.Stopping));
        using var http = new HttpClient();
        var client = Client(http, server, null, TimeSpan.FromSeconds(5), 2);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "q")], cancellationToken: cancel.Token));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"choices":[]}""")]
    [InlineData("""{"choices":[{"index":0,"message":null}]}""")]
    [InlineData("null")]
    public async Task GetResponseAsync_MalformedBody_ThrowsUnavailableNamingEndpoint(string body)
    {
        await using var server = new ScriptedHttpServer(e => e.ReplyAsync(200, body));
        using var http = new HttpClient();
        var client = Client(http, server, null, TimeSpan.FromSeconds(5), 0);

        var error = await Assert.ThrowsAsync<LodestarException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "q")]));

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains(server.BaseUrl + "chat/completions", error.Message, StringComparison.Ordinal);
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    internal static string Delta(string text) => $$$"""data: {"id":"s","model":"tiny","choices":[{"index":0,"delta":{"content":"{{{text}}}"}}]}""" + "\n\n";

    private static OpenAICompatibleChatClient Client(HttpClient http, ScriptedHttpServer server, string? key, TimeSpan timeout, int retries) =>
        new(new OpenAICompatibleTransport(http, new OpenAICompatibleOptions(server.BaseUrl, key, "m", timeout, retries), TimeSpan.FromMilliseconds(10)));
}
