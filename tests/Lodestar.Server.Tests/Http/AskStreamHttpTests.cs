using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Models.Providers;
using Lodestar.Testing;

namespace Lodestar.Server.Tests.Http;

/// <summary>POST /ask/stream against a real loopback OpenAI-compatible server that streams its completion.</summary>
public sealed class AskStreamHttpTests
{
    private const string Handbook = "# Security\n\n## Rotating API keys\n\nTo rotate an API key, open the admin console and choose Keys.\n";
    private const string Question = "How do I rotate an API key?";

    [Fact]
    public async Task AskStream_ChatModelStreams_SendsSourcesThenDeltasIncrementallyThenValidatedAnswer()
    {
        var firstDeltaSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var model = new ScriptedHttpServer(async e =>
        {
            await e.SendChunkAsync(Delta("Open the admin console "));
            // The second piece waits until the client has read the first: proof that nothing buffers the stream.
            await firstDeltaSeen.Task.WaitAsync(TimeSpan.FromSeconds(20), e.Stopping);
            await e.SendChunkAsync(Delta("and choose Keys [1] [7]."));
            await e.SendChunkAsync("data: [DONE]\n\n");
        });
        await using var server = await StartAsync(model);
        var member = await server.ClientForAsync("mike", [Role.Member]);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/knowledge-bases/default/ask/stream") { Content = JsonContent.Create(new { question = Question }) };
        using var response = await member.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string Name, JsonElement Data)>();
        while (await ReadEventAsync(reader) is { } next)
        {
            events.Add(next);
            if (next.Name == "delta")
            {
                firstDeltaSeen.TrySetResult();
            }
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["sources", "delta", "delta", "answer"], events.Select(e => e.Name));
        Assert.Equal("security.md", events[0].Data.GetProperty("sources")[0].GetProperty("source").GetString());
        Assert.Equal("Open the admin console and choose Keys [1] [7].", events[1].Data.GetProperty("text").GetString() + events[2].Data.GetProperty("text").GetString());
        var answer = events[3].Data;
        Assert.Equal("Open the admin console and choose Keys [1].", answer.GetProperty("answer").GetString());
        Assert.Equal(1, answer.GetProperty("invalidCitationsRemoved").GetInt32());
        Assert.False(answer.GetProperty("uncited").GetBoolean());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("fallback").ValueKind);
        Assert.Equal("security.md", Assert.Single(answer.GetProperty("citations").EnumerateArray()).GetProperty("source").GetString());
        Assert.InRange(answer.GetProperty("groundedness").GetDouble(), 0.0, 1.0);
    }

    [Fact]
    public async Task AskStream_ChatModelFails_FallsBackToExtractiveAndSaysSo()
    {
        await using var model = new ScriptedHttpServer(e => e.ReplyAsync(500, "boom"));
        await using var server = await StartAsync(model);
        var member = await server.ClientForAsync("mike", [Role.Member]);

        var response = await member.PostAsJsonAsync("/v1/knowledge-bases/default/ask/stream", new { question = Question });
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string Name, JsonElement Data)>();
        while (await ReadEventAsync(reader) is { } next)
        {
            events.Add(next);
        }

        var answer = events[^1];
        var deltas = events.Skip(1).SkipLast(1).ToList();
        Assert.Equal(("sources", "answer"), (events[0].Name, answer.Name));
        Assert.NotEmpty(deltas);
        Assert.All(deltas, e => Assert.Equal("delta", e.Name));
        Assert.NotNull(answer.Data.GetProperty("fallback").GetString());
        Assert.StartsWith("extractive", answer.Data.GetProperty("generator").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(answer.Data.GetProperty("citations").EnumerateArray());
        Assert.Equal(answer.Data.GetProperty("answer").GetString(), string.Concat(deltas.Select(e => e.Data.GetProperty("text").GetString())));
    }

    [Fact]
    public async Task AskStream_ModelReportsUsage_AnswerRecordCarriesTheTokens()
    {
        await using var model = new ScriptedHttpServer(async e =>
        {
            await e.SendChunkAsync(Delta("Open the admin console and choose Keys [1]."));
            await e.SendChunkAsync("data: {\"id\":\"s\",\"model\":\"tiny\",\"choices\":[],\"usage\":{\"prompt_tokens\":321,\"completion_tokens\":12,\"total_tokens\":333}}\n\n");
            await e.SendChunkAsync("data: [DONE]\n\n");
        });
        await using var server = await StartAsync(model);
        var member = await server.ClientForAsync("mike", [Role.Member]);

        var response = await member.PostAsJsonAsync("/v1/knowledge-bases/default/ask/stream", new { question = Question });
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (string Name, JsonElement Data) last = default;
        while (await ReadEventAsync(reader) is { } next)
        {
            last = next;
        }

        Assert.Equal("answer", last.Name);
        var record = await member.GetFromJsonAsync<JsonElement>("/v1/answers/" + last.Data.GetProperty("answerId").GetString());
        Assert.Equal((321, 12), (record.GetProperty("inputTokens").GetInt64(), record.GetProperty("outputTokens").GetInt64()));
    }

    [Fact]
    public async Task AskStream_EmptyQuestion_Is400ProblemDetailsNotAStream()
    {
        await using var model = new ScriptedHttpServer(e => e.ReplyAsync(500, "never called"));
        await using var server = await StartAsync(model);
        var member = await server.ClientForAsync("mike", [Role.Member]);

        var response = await member.PostAsJsonAsync("/v1/knowledge-bases/default/ask/stream", new { question = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(model.Requests);
    }

    private static async Task<LoopbackServer> StartAsync(ScriptedHttpServer model)
    {
        var server = await LoopbackServer.StartAsync(chatModel: new OpenAICompatibleOptions(model.BaseUrl, null, "tiny", TimeSpan.FromSeconds(20), MaxRetries: 0));
        var curator = await server.ClientForAsync("carol", [Role.Curator]);
        (await curator.PostAsync("/v1/knowledge-bases/default/documents", KnowledgeHttpTests.File("security.md", Handbook))).EnsureSuccessStatusCode();
        return server;
    }

    private static string Delta(string text) => "data: " + JsonSerializer.Serialize(new { id = "s", model = "tiny", choices = new[] { new { index = 0, delta = new { content = text } } } }) + "\n\n";

    /// <summary>One SSE event (its <c>event:</c> name and JSON <c>data:</c>), or null at the end of the stream.</summary>
    private static async Task<(string Name, JsonElement Data)?> ReadEventAsync(StreamReader reader)
    {
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0 && name is not null)
            {
                return (name, JsonDocument.Parse(data!).RootElement.Clone());
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        return null;
    }
}
