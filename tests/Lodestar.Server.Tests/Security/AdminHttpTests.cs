using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Server.Tests.Http;

namespace Lodestar.Server.Tests.Security;

public sealed class AdminHttpTests
{
    [Fact]
    public async Task CreateUserThenKey_KeyWorksOnceShownAndRevokeEndsIt_AllAudited()
    {
        await using var server = await LoopbackServer.StartAsync();
        var admin = await server.ClientForAsync("ada", [Role.Admin], tenantId: "finance");

        var added = await admin.PostAsJsonAsync("/v1/users", new { id = "bob", groups = new[] { "analysts" }, roles = new[] { "member" } });
        var created = await (await admin.PostAsJsonAsync("/v1/keys", new { user = "bob", expires = "1d" })).Content.ReadFromJsonAsync<JsonElement>();
        var bob = server.Anonymous();
        bob.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("key").GetString());
        var me = await bob.GetFromJsonAsync<JsonElement>("/v1/me");
        var listed = await admin.GetStringAsync("/v1/keys");
        var revoked = await admin.DeleteAsync($"/v1/keys/{created.GetProperty("keyId").GetString()}");
        var afterRevoke = await bob.GetAsync("/v1/me");
        var actions = (await AuditTrailReader.ReadAsync(server.Services)).Select(AuditTrailReader.Action).ToList();

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("finance", me.GetProperty("tenantId").GetString());
        Assert.DoesNotContain(created.GetProperty("key").GetString()!, listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Contains("user.added", actions);
        Assert.Contains("key.created", actions);
        Assert.Contains("key.revoked", actions);
    }

    [Fact]
    public async Task PatchUserRoles_DemotionNarrowsExistingKeysAtOnce_AndIsAudited()
    {
        await using var server = await LoopbackServer.StartAsync();
        var admin = await server.ClientForAsync("ada", [Role.Admin]);
        var carol = await server.ClientForAsync("carol", [Role.Curator, Role.Member]);
        Assert.Equal(HttpStatusCode.OK, (await carol.GetAsync("/v1/knowledge-bases/default/documents")).StatusCode);

        var patched = await admin.PatchAsJsonAsync("/v1/users/carol", new { roles = new[] { "member" } });
        var audit = (await AuditTrailReader.ReadAsync(server.Services)).Last(r => AuditTrailReader.Action(r) == "user.changed");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carol.GetAsync("/v1/knowledge-bases/default/documents")).StatusCode);
        Assert.Equal("curator,member", audit.GetProperty("details").GetProperty("previousRoles").GetString());
        Assert.Equal("ada", audit.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task OtherTenantsUsersAndKeys_LookExactlyLikeMissingOnes()
    {
        await using var server = await LoopbackServer.StartAsync();
        var admin = await server.ClientForAsync("ada", [Role.Admin], tenantId: "finance");
        var otherAdmin = await server.ClientForAsync("oscar", [Role.Admin], tenantId: "legal");
        var otherKey = (await (await otherAdmin.PostAsJsonAsync("/v1/keys", new { user = "oscar" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keyId").GetString();

        var foreignUser = await admin.PatchAsJsonAsync("/v1/users/oscar", new { roles = new[] { "member" } });
        var missingUser = await admin.PatchAsJsonAsync("/v1/users/nobody", new { roles = new[] { "member" } });
        var foreignKey = await admin.DeleteAsync($"/v1/keys/{otherKey}");
        var missingKey = await admin.DeleteAsync("/v1/keys/000000000000");
        var users = await admin.GetStringAsync("/v1/users");
        var keys = await admin.GetStringAsync("/v1/keys");

        Assert.Equal(HttpStatusCode.NotFound, foreignUser.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingUser.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingKey.StatusCode);
        Assert.DoesNotContain("oscar", users, StringComparison.Ordinal);
        Assert.DoesNotContain("oscar", keys, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminEndpoints_MemberIs403()
    {
        await using var server = await LoopbackServer.StartAsync();
        var member = await server.ClientForAsync("mike", [Role.Member]);

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/v1/keys", new { user = "mike" })).StatusCode);
    }

    [Fact]
    public async Task PatchOwnRoles_AdminDroppingAdmin_Is400()
    {
        await using var server = await LoopbackServer.StartAsync();
        var admin = await server.ClientForAsync("ada", [Role.Admin]);

        var response = await admin.PatchAsJsonAsync("/v1/users/ada", new { roles = new[] { "member" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Groups_ListsEachGroupWithItsMembers()
    {
        await using var server = await LoopbackServer.StartAsync();
        var admin = await server.ClientForAsync("ada", [Role.Admin]);
        await server.ClientForAsync("bob", [Role.Member], ["analysts", "emea"]);
        await server.ClientForAsync("bea", [Role.Member], ["analysts"]);

        var groups = await admin.GetFromJsonAsync<JsonElement>("/v1/groups");

        Assert.Equal("analysts", groups[0].GetProperty("group").GetString());
        Assert.Equal(["bea", "bob"], groups[0].GetProperty("members").EnumerateArray().Select(m => m.GetString()!));
        Assert.Equal("emea", groups[1].GetProperty("group").GetString());
    }
}
