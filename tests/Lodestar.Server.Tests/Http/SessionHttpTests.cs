using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;

namespace Lodestar.Server.Tests.Http;

/// <summary>Conversation sessions over HTTP belong to the user who started them.</summary>
public sealed class SessionHttpTests
{
    private const string Handbook = "# Handbook\n\n## VPN\n\nThe VPN client is WireGuard. Install it from the self-service portal.\n";

    [Fact]
    public async Task Ask_SessionOfAnotherUser_Is404AndOwnerStillContinuesIt()
    {
        await using var server = await LoopbackServer.StartAsync();
        var curator = await server.ClientForAsync("carol", [Role.Curator]);
        (await curator.PostAsync("/v1/knowledge-bases/default/documents", KnowledgeHttpTests.File("handbook.md", Handbook))).EnsureSuccessStatusCode();
        var alice = await server.ClientForAsync("alice", [Role.Member]);
        var mallory = await server.ClientForAsync("mallory", [Role.Member]);

        var first = await alice.PostAsJsonAsync("/v1/knowledge-bases/default/ask", new { question = "Which VPN client do we use?", sessionId = "trip-1" });
        var stolen = await mallory.PostAsJsonAsync("/v1/knowledge-bases/default/ask", new { question = "What did she ask?", sessionId = "trip-1" });
        var stolenStream = await mallory.PostAsJsonAsync("/v1/knowledge-bases/default/ask/stream", new { question = "What did she ask?", sessionId = "trip-1" });
        var followUp = await alice.PostAsJsonAsync("/v1/knowledge-bases/default/ask", new { question = "How do I install it?", sessionId = "trip-1" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.DoesNotContain("VPN", await stolen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, stolenStream.StatusCode);
        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);
        var answer = await followUp.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("VPN", answer.GetProperty("searchedQuestion").GetString(), StringComparison.Ordinal);
        Assert.Equal("trip-1", answer.GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task Status_AfterUpload_ShowsTheIndexCaughtUp()
    {
        await using var server = await LoopbackServer.StartAsync();
        var curator = await server.ClientForAsync("carol", [Role.Curator]);
        (await curator.PostAsync("/v1/knowledge-bases/default/documents", KnowledgeHttpTests.File("handbook.md", Handbook))).EnsureSuccessStatusCode();

        var status = await curator.GetFromJsonAsync<JsonElement>("/v1/knowledge-bases/default/status");

        Assert.Equal(1, status.GetProperty("latestSequence").GetInt64());
        Assert.True(status.GetProperty("lexicalCurrent").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("configuredEmbeddingModel").ValueKind);
    }
}
