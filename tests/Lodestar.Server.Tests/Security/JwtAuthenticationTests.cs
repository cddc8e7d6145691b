using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Server.Security;
using Lodestar.Server.Tests.Http;
using Lodestar.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Lodestar.Server.Tests.Security;

public sealed class JwtAuthenticationTests
{
    private static readonly Dictionary<string, object> Alice = new()
    {
        ["sub"] = "alice",
        ["tenant"] = "finance",
        ["groups"] = new[] { "analysts", "emea" },
        ["roles"] = new[] { "member", "curator", "superuser" },
    };

    [Fact]
    public async Task Me_Rs256TokenFromJwksUrl_MapsUserTenantGroupsAndKnownRoles()
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        var rsa = idp.PublishRsa("k1");
        await using var server = await LoopbackServer.StartAsync(jwt: idp.Settings());

        var me = await Bearer(server, TestIdentityProvider.Sign(new RsaSecurityKey(rsa) { KeyId = "k1" }, "RS256", Alice)).GetFromJsonAsync<JsonElement>("/v1/me");

        Assert.Equal("alice", me.GetProperty("userId").GetString());
        Assert.Equal("finance", me.GetProperty("tenantId").GetString());
        Assert.Equal(["analysts", "emea"], me.GetProperty("groups").EnumerateArray().Select(g => g.GetString()!));
        Assert.Equal(["member", "curator"], me.GetProperty("roles").EnumerateArray().Select(g => g.GetString()!));
    }

    [Fact]
    public async Task Me_Es256Token_Authenticates()
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        var ec = idp.PublishEc("e1");
        await using var server = await LoopbackServer.StartAsync(jwt: idp.Settings());

        var response = await Bearer(server, TestIdentityProvider.Sign(new ECDsaSecurityKey(ec) { KeyId = "e1" }, "ES256", Alice)).GetAsync("/v1/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("wrong-issuer")]
    [InlineData("wrong-audience")]
    [InlineData("expired")]
    [InlineData("unknown-key")]
    [InlineData("alg-none")]
    [InlineData("hs256-with-public-key")]
    public async Task Me_BadToken_Is401(string defect)
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        var rsa = idp.PublishRsa("k1");
        var key = new RsaSecurityKey(rsa) { KeyId = "k1" };
        await using var server = await LoopbackServer.StartAsync(jwt: idp.Settings());
        var token = defect switch
        {
            "wrong-issuer" => TestIdentityProvider.Sign(key, "RS256", Alice, issuer: "https://evil.test"),
            "wrong-audience" => TestIdentityProvider.Sign(key, "RS256", Alice, audience: "someone-else"),
            "expired" => TestIdentityProvider.Sign(key, "RS256", Alice, expires: DateTime.UtcNow.AddMinutes(-5)),
            "unknown-key" => TestIdentityProvider.Sign(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k1" }, "RS256", Alice),
            "alg-none" => Unsigned(Alice),
            _ => TestIdentityProvider.Sign(new SymmetricSecurityKey(rsa.ExportParameters(false).Modulus!) { KeyId = "k1" }, "HS256", Alice),
        };

        var response = await Bearer(server, token).GetAsync("/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Me_ExpiredWithinClockSkew_IsAccepted()
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        var rsa = idp.PublishRsa("k1");
        await using var server = await LoopbackServer.StartAsync(jwt: idp.Settings());

        var token = TestIdentityProvider.Sign(new RsaSecurityKey(rsa) { KeyId = "k1" }, "RS256", Alice, expires: DateTime.UtcNow.AddSeconds(-30));

        Assert.Equal(HttpStatusCode.OK, (await Bearer(server, token).GetAsync("/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Me_KeyRotatedAtProvider_RefreshesJwksOnUnknownKidAndCachesOtherwise()
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        var old = idp.PublishRsa("old");
        await using var server = await LoopbackServer.StartAsync(jwt: idp.Settings());
        var oldToken = TestIdentityProvider.Sign(new RsaSecurityKey(old) { KeyId = "old" }, "RS256", Alice);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(server, oldToken).GetAsync("/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(server, oldToken).GetAsync("/v1/me")).StatusCode);
        var fetchesBeforeRotation = idp.Fetches;

        var rotated = idp.PublishRsa("new");
        var response = await Bearer(server, TestIdentityProvider.Sign(new RsaSecurityKey(rotated) { KeyId = "new" }, "RS256", Alice)).GetAsync("/v1/me");

        Assert.Equal(1, fetchesBeforeRotation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, idp.Fetches);
    }

    [Fact]
    public async Task Me_JwksFromFile_Authenticates()
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        var rsa = idp.PublishRsa("k1");
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "jwks.json");
        await File.WriteAllTextAsync(file, idp.JwksDocument());
        await using var server = await LoopbackServer.StartAsync(jwt: idp.Settings(file));

        var response = await Bearer(server, TestIdentityProvider.Sign(new RsaSecurityKey(rsa) { KeyId = "k1" }, "RS256", Alice)).GetAsync("/v1/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("LODESTAR_OIDC_ALGORITHMS", "HS256")]
    [InlineData("LODESTAR_OIDC_ALGORITHMS", "none")]
    [InlineData("LODESTAR_OIDC_JWKS_URL", "http://idp.example.com/jwks")]
    [InlineData("LODESTAR_OIDC_AUDIENCE", "")]
    [InlineData("LODESTAR_OIDC_DEFAULT_ROLES", "root")]
    public void FromEnvironment_UnsafeOrIncompleteSetting_FailsAtStartUp(string name, string value)
    {
        var environment = new Dictionary<string, string>
        {
            ["LODESTAR_OIDC_ISSUER"] = "https://idp.test",
            ["LODESTAR_OIDC_AUDIENCE"] = "lodestar",
            ["LODESTAR_OIDC_JWKS_URL"] = "https://idp.test/jwks",
        };
        environment[name] = value;

        var error = Assert.Throws<LodestarException>(() => JwtBearerSettings.FromEnvironment(n => environment.GetValueOrDefault(n)));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public void FromEnvironment_NoIssuer_IsOff()
    {
        Assert.Null(JwtBearerSettings.FromEnvironment(_ => null));
    }

    private static HttpClient Bearer(LoopbackServer server, string token)
    {
        var client = server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Unsigned(Dictionary<string, object> claims)
    {
        var payload = new Dictionary<string, object>(claims)
        {
            ["iss"] = TestIdentityProvider.Issuer,
            ["aud"] = TestIdentityProvider.Audience,
            ["exp"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds(),
        };
        return Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"k1\"}") + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload))) + ".";
    }
}
