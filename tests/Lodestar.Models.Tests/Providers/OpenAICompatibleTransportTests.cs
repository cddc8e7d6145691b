using System.Diagnostics;
using Lodestar.Core;
using Lodestar.Models.Providers;
using Lodestar.Testing;
using Microsoft.Extensions.AI;

namespace Lodestar.Models.Tests.Providers;

/// <summary>Retry-After handling and the Azure OpenAI request shape, against a real loopback server.</summary>
public sealed class OpenAICompatibleTransportTests
{
    private const string Completion = """{"id":"c1","model":"tiny","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}""";

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task PostAsync_RetryAfterSeconds_WaitsThatLongBeforeRetrying(int status)
    {
        var calls = 0;
        await using var server = new ScriptedHttpServer(e =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                e.Context.Response.AddHeader("Retry-After", "1");
                return e.ReplyAsync(status, "slow down");
            }

            return e.ReplyAsync(200, Completion);
        });
        using var http = new HttpClient();
        var client = Client(http, new OpenAICompatibleOptions(server.BaseUrl, null, "m", TimeSpan.FromSeconds(10), 2));
        var clock = Stopwatch.StartNew();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "q")]);

        Assert.Equal("ok", response.Text);
        Assert.Equal(2, server.Requests.Count);
        // The backoff alone would have waited ~10 ms.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task PostAsync_RetryAfterBeyondLimit_FailsAtOnceWithoutRetry()
    {
        await using var server = new ScriptedHttpServer(e =>
        {
            e.Context.Response.AddHeader("Retry-After", "3600");
            return e.ReplyAsync(429, "quota exhausted");
        });
        using var http = new HttpClient();
        var client = Client(http, new OpenAICompatibleOptions(server.BaseUrl, null, "m", TimeSpan.FromSeconds(10), 3) { MaxRetryAfter = TimeSpan.FromSeconds(5) });

        var error = await Assert.ThrowsAsync<LodestarException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "q")]));

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains("retry after 3600 s", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task PostAsync_AzureDeployment_SendsApiKeyHeaderAndApiVersion()
    {
        await using var server = new ScriptedHttpServer(e => e.ReplyAsync(200, Completion));
        using var http = new HttpClient();
        var deployment = new Uri(server.BaseUrl, "openai/deployments/gpt-4o/");
        var client = Client(http, new OpenAICompatibleOptions(deployment, "azure-secret", "gpt-4o", TimeSpan.FromSeconds(10), 0) { AzureApiVersion = "2024-10-21" });

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "q")]);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/openai/deployments/gpt-4o/chat/completions", request.Path);
        Assert.Equal("?api-version=2024-10-21", request.Context.Request.Url!.Query);
        Assert.Equal("azure-secret", request.Context.Request.Headers["api-key"]);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public void Validate_MalformedAzureApiVersion_IsInvalid()
    {
        var options = new OpenAICompatibleOptions(new Uri("https://x.openai.azure.com/openai/deployments/d/"), "k", "m", TimeSpan.FromSeconds(1), 0) { AzureApiVersion = "2024&x=1" };

        using var http = new HttpClient();

        var error = Assert.Throws<LodestarException>(() => new OpenAICompatibleTransport(http, options));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    private static OpenAICompatibleChatClient Client(HttpClient http, OpenAICompatibleOptions options) =>
        new(new OpenAICompatibleTransport(http, options, TimeSpan.FromMilliseconds(10)));
}
