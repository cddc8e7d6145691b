using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lodestar.Core;

namespace Lodestar.Server.Tests.Http;

public sealed class KnowledgeHttpTests
{
    private const string Handbook = "# Security\n\n## Rotating API keys\n\nTo rotate an API key, open the admin console and choose Keys.\n\n1. Click Create key.\n2. Deploy the new key.\n3. Revoke the old key.\n";

    [Fact]
    public async Task Healthz_NeedsNoAuthentication()
    {
        await using var server = await LoopbackServer.StartAsync();

        var response = await server.Anonymous().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_IsServed()
    {
        await using var server = await LoopbackServer.StartAsync();

        var document = await server.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/v1/knowledge-bases/{kb}/ask", out _));
    }

    [Fact]
    public async Task Search_WithoutKey_Is401_WithWrongKey_Is401()
    {
        await using var server = await LoopbackServer.StartAsync();
        var wrong = server.Anonymous();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "lsk_not_a_real_key");

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anonymous().GetAsync("/v1/knowledge-bases/default/search?q=key")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/v1/knowledge-bases/default/search?q=key")).StatusCode);
    }

    [Fact]
    public async Task UploadThenSearchAndAsk_ReturnsCitedAnswer()
    {
        await using var server = await LoopbackServer.StartAsync();
        var curator = await server.ClientForAsync("carol", [Role.Curator]);
        var member = await server.ClientForAsync("mike", [Role.Member]);

        var upload = await curator.PostAsync("/v1/knowledge-bases/default/documents", File("security.md", Handbook));
        var search = await member.GetFromJsonAsync<JsonElement>("/v1/knowledge-bases/default/search?q=rotate%20api%20key");
        var ask = await member.PostAsJsonAsync("/v1/knowledge-bases/default/ask", new { question = "How do I rotate an API key?" });
        var answer = await ask.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal("security.md", search.GetProperty("results")[0].GetProperty("source").GetString());
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("[1]", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal("security.md", answer.GetProperty("citations")[0].GetProperty("source").GetString());
    }

    [Fact]
    public async Task Upload_ByMember_Is403()
    {
        await using var server = await LoopbackServer.StartAsync();
        var member = await server.ClientForAsync("mike", [Role.Member]);

        var response = await member.PostAsync("/v1/knowledge-bases/default/documents", File("security.md", Handbook));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/v1/knowledge-bases/default/ask", "{\"question\": \"\"}", "empty")]
    [InlineData("/v1/knowledge-bases/default/ask", "{\"question\": ", "JSON")]
    [InlineData("/v1/knowledge-bases/default/ask", "{\"question\": \"keys?\", \"mode\": \"psychic\"}", "unknown mode")]
    [InlineData("/v1/knowledge-bases/bad%20name!/ask", "{\"question\": \"keys?\"}", "invalid knowledge base name")]
    [InlineData("/v1/knowledge-bases/default/ingest", "{\"path\": \"/no/such/folder\"}", "no such file")]
    public async Task BadRequests_Get400ProblemDetailsWithAMessage(string path, string body, string expected)
    {
        await using var server = await LoopbackServer.StartAsync();
        var admin = await server.ClientForAsync("root", [Role.Admin]);

        var response = await admin.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_BadQueryParameters_Get400()
    {
        await using var server = await LoopbackServer.StartAsync();
        var member = await server.ClientForAsync("mike", [Role.Member]);

        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync("/v1/knowledge-bases/default/search")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync("/v1/knowledge-bases/default/search?q=x&k=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync("/v1/knowledge-bases/default/search?q=x&k=0")).StatusCode);
    }

    [Fact]
    public async Task Upload_UnsupportedOrCorruptFile_Gets400()
    {
        await using var server = await LoopbackServer.StartAsync();
        var curator = await server.ClientForAsync("carol", [Role.Curator]);

        var unsupported = await curator.PostAsync("/v1/knowledge-bases/default/documents", File("program.exe", "MZ"));
        var corrupt = await curator.PostAsync("/v1/knowledge-bases/default/documents", File("report.docx", "not a zip"));
        var missing = await curator.PostAsync("/v1/knowledge-bases/default/documents", new MultipartFormDataContent());

        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, corrupt.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task Ingest_ServerSidePath_ReportsCounts()
    {
        await using var server = await LoopbackServer.StartAsync();
        var curator = await server.ClientForAsync("carol", [Role.Curator]);
        using var folder = new Lodestar.Testing.TemporaryDirectory();
        folder.Write("a.md", Handbook);
        folder.Write("b.txt", "Plain notes about the heron.");

        var response = await curator.PostAsJsonAsync("/v1/knowledge-bases/default/ingest", new { path = folder.Path });
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, report.GetProperty("added").GetInt32());
    }

    internal static MultipartFormDataContent File(string name, string content) => new() { { new StringContent(content), "file", name } };
}
