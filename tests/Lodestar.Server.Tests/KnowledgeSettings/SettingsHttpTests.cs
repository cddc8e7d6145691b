using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Server.Tests.Http;

namespace Lodestar.Server.Tests.KnowledgeSettings;

public sealed class SettingsHttpTests
{
    [Fact]
    public async Task Put_ValidSettings_AreSavedAuditedAndReturnedEffective()
    {
        await using var server = await LoopbackServer.StartAsync();
        var admin = await server.ClientForAsync("ada", [Role.Admin]);

        var put = await admin.PutAsJsonAsync("/v1/knowledge-bases/handbook/settings", new { analyzer = new { stemmer = "none", stopWords = "custom", customStopWords = new[] { "the" } }, bm25 = new { k1 = 1.2, b = 0.75 } });
        var view = await admin.GetFromJsonAsync<JsonElement>("/v1/knowledge-bases/handbook/settings");
        var actions = (await Security.AuditTrailReader.ReadAsync(server.Services)).Select(Security.AuditTrailReader.Action).ToList();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("none", view.GetProperty("effective").GetProperty("analyzer").GetProperty("stemmer").GetString());
        Assert.Equal(1.2, view.GetProperty("settings").GetProperty("bm25").GetProperty("k1").GetDouble(), 3);
        Assert.Equal(256, view.GetProperty("effective").GetProperty("chunking").GetProperty("maxTokens").GetInt32());
        Assert.Equal(1, view.GetProperty("version").GetInt64());
        Assert.Contains("knowledge.settings", actions);
    }

    [Theory]
    [InlineData("{\"analyzer\":{\"stemmer\":\"snowball\"}}", "unknown stemmer")]
    [InlineData("{\"bm25\":{\"k1\":42,\"b\":0.4}}", "k1")]
    [InlineData("{\"embedding\":{\"provider\":\"openai\",\"baseUrl\":\"ftp://x/\",\"model\":\"m\"}}", "baseUrl")]
    [InlineData("{\"chat\":{\"baseUrl\":\"http://llm/v1/\",\"model\":\"m\",\"apiKeyEnv\":\"sk-abc123!\"}}", "apiKeyEnv")]
    [InlineData("{\"chunking\":{\"maxTokens\":64,\"overlapTokens\":64}}", "overlapTokens")]
    public async Task Put_BadSettings_Is400WithTheReason(string body, string reason)
    {
        await using var server = await LoopbackServer.StartAsync();
        var admin = await server.ClientForAsync("ada", [Role.Admin]);

        var response = await admin.PutAsync("/v1/knowledge-bases/handbook/settings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/v1/knowledge-bases/handbook/settings")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Settings_NonAdmin_Is403()
    {
        await using var server = await LoopbackServer.StartAsync();
        var curator = await server.ClientForAsync("carol", [Role.Curator]);

        Assert.Equal(HttpStatusCode.Forbidden, (await curator.GetAsync("/v1/knowledge-bases/handbook/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await curator.PutAsJsonAsync("/v1/knowledge-bases/handbook/settings", new { bm25 = new { k1 = 1.0, b = 0.5 } })).StatusCode);
    }
}
