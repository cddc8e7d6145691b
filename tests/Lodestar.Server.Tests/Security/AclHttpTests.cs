using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Server.Tests.Http;
using Lodestar.Testing;

namespace Lodestar.Server.Tests.Security;

public sealed class AclHttpTests
{
    private const string Secret = "# Payroll\n\nThe payroll run closes on the twentieth of each month.\n";
    private const string Search = "/v1/knowledge-bases/default/search?q=payroll%20run";

    [Fact]
    public async Task PutAcl_AppliesToTheNextQueryAndIsAudited_DeleteRestoresTheIngestedAcl()
    {
        await using var server = await LoopbackServer.StartAsync();
        var curator = await server.ClientForAsync("carol", [Role.Curator]);
        var member = await server.ClientForAsync("mike", [Role.Member]);
        var id = await UploadAsync(curator);
        Assert.Equal(1, await HitsAsync(member));

        var put = await curator.PutAsJsonAsync(Acl(id), new { allow = new[] { "group:payroll" } });
        var hidden = await HitsAsync(member);
        var shown = await curator.GetFromJsonAsync<JsonElement>(Acl(id));
        var deleted = await curator.DeleteAsync(Acl(id));
        var restored = await HitsAsync(member);
        var actions = (await AuditTrailReader.ReadAsync(server.Services)).Select(AuditTrailReader.Action).ToList();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(0, hidden);
        Assert.Equal("override", shown.GetProperty("source").GetString());
        Assert.Equal(["group:payroll"], shown.GetProperty("allow").EnumerateArray().Select(s => s.GetString()!));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(1, restored);
        Assert.Contains("acl.changed", actions);
        Assert.Contains("acl.cleared", actions);
    }

    [Fact]
    public async Task DeleteAcl_WithStaleIfMatch_Is409AndKeepsTheNewerAcl()
    {
        await using var server = await LoopbackServer.StartAsync();
        var curator = await server.ClientForAsync("carol", [Role.Curator]);
        var member = await server.ClientForAsync("mike", [Role.Member]);
        var id = await UploadAsync(curator);
        var firstTag = (await curator.PutAsJsonAsync(Acl(id), new { allow = new[] { "group:payroll" } })).Headers.ETag!.Tag;
        var secondTag = (await curator.PutAsJsonAsync(Acl(id), new { allow = new[] { "group:hr" } })).Headers.ETag!.Tag;

        using var stale = new HttpRequestMessage(HttpMethod.Delete, Acl(id));
        stale.Headers.TryAddWithoutValidation("If-Match", firstTag);
        var refused = await curator.SendAsync(stale);
        var kept = await curator.GetFromJsonAsync<JsonElement>(Acl(id));
        using var current = new HttpRequestMessage(HttpMethod.Delete, Acl(id));
        current.Headers.TryAddWithoutValidation("If-Match", secondTag);
        var cleared = await curator.SendAsync(current);

        Assert.NotEqual(firstTag, secondTag);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(["group:hr"], kept.GetProperty("allow").EnumerateArray().Select(s => s.GetString()!));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(1, await HitsAsync(member));
    }

    [Fact]
    public async Task PutAcl_OverridesTheSidecarAcrossReingest()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var folder = new TemporaryDirectory();
        folder.Write("payroll.md", Secret);
        folder.Write("payroll.md.acl.json", "{\"allow\":[\"user:mike\"]}");
        var curator = await server.ClientForAsync("carol", [Role.Curator]);
        var member = await server.ClientForAsync("mike", [Role.Member]);
        await curator.PostAsJsonAsync("/v1/knowledge-bases/default/ingest", new { path = folder.Path });
        var id = (await curator.GetFromJsonAsync<JsonElement>("/v1/knowledge-bases/default/documents"))[0].GetProperty("id").GetString()!;
        Assert.Equal(1, await HitsAsync(member));

        await curator.PutAsJsonAsync(Acl(id), new { deny = new[] { "user:mike" } });
        await curator.PostAsJsonAsync("/v1/knowledge-bases/default/ingest", new { path = folder.Path });
        var afterReingest = await HitsAsync(member);
        await curator.DeleteAsync(Acl(id));
        var shown = await curator.GetFromJsonAsync<JsonElement>(Acl(id));

        Assert.Equal(0, afterReingest);
        Assert.Equal(1, await HitsAsync(member));
        Assert.Equal("ingest", shown.GetProperty("source").GetString());
        Assert.Equal(["user:mike"], shown.GetProperty("allow").EnumerateArray().Select(s => s.GetString()!));
    }

    [Fact]
    public async Task Acl_DocumentOfAnotherTenant_Is404LikeAMissingOne()
    {
        await using var server = await LoopbackServer.StartAsync();
        var curator = await server.ClientForAsync("carol", [Role.Curator]);
        var stranger = await server.ClientForAsync("sam", [Role.Curator], tenantId: "other");
        var id = await UploadAsync(curator);

        var foreign = await stranger.PutAsJsonAsync(Acl(id), new { allow = new[] { "user:sam" } });
        var missing = await stranger.PutAsJsonAsync(Acl("doc_00000000000000000000"), new { allow = new[] { "user:sam" } });
        var foreignBody = await foreign.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.DoesNotContain("payroll", foreignBody.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{\"allow\":[\"alice\"]}")]
    [InlineData("{\"deny\":[\"role:admin\"]}")]
    [InlineData("{}")]
    [InlineData("not json")]
    public async Task PutAcl_BadBody_Is400AndChangesNothing(string body)
    {
        await using var server = await LoopbackServer.StartAsync();
        var curator = await server.ClientForAsync("carol", [Role.Curator]);
        var member = await server.ClientForAsync("mike", [Role.Member]);
        var id = await UploadAsync(curator);

        var response = await curator.PutAsync(Acl(id), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, await HitsAsync(member));
    }

    [Fact]
    public async Task PutAcl_Member_Is403()
    {
        await using var server = await LoopbackServer.StartAsync();
        var curator = await server.ClientForAsync("carol", [Role.Curator]);
        var member = await server.ClientForAsync("mike", [Role.Member]);
        var id = await UploadAsync(curator);

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PutAsJsonAsync(Acl(id), new { allow = new[] { "user:mike" } })).StatusCode);
    }

    private static string Acl(string id) => $"/v1/knowledge-bases/default/documents/{id}/acl";

    private static async Task<string> UploadAsync(HttpClient curator)
    {
        var upload = await curator.PostAsync("/v1/knowledge-bases/default/documents", new MultipartFormDataContent { { new StringContent(Secret), "file", "payroll.md" } });
        return (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentId").GetString()!;
    }

    private static async Task<int> HitsAsync(HttpClient member) =>
        (await member.GetFromJsonAsync<JsonElement>(Search)).GetProperty("results").GetArrayLength();
}
