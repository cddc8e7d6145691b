using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using Lodestar.Server.Security;
using Lodestar.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lodestar.WebConsole.Tests.Oidc;

/// <summary>
/// A real OpenID provider on a loopback port: discovery, JWKS (an RSA key made per run), <c>/authorize</c> that signs
/// the next user in at once and redirects back with a code, and <c>/token</c> that checks the client secret and the
/// PKCE verifier before returning a signed id token. <see cref="Next"/> scripts how the next sign-in misbehaves.
/// </summary>
public sealed class LoopbackOidcProvider : IAsyncDisposable
{
    public const string ClientId = "lodestar-console";
    public const string ClientSecret = "test-secret";
    public const string ApiAudience = "lodestar-api";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly ScriptedHttpServer _server;
    private readonly ConcurrentDictionary<string, Grant> _grants = new(StringComparer.Ordinal);

    public LoopbackOidcProvider()
    {
        _key = new RsaSecurityKey(_rsa) { KeyId = "test-key-1" };
        _server = new ScriptedHttpServer(HandleAsync);
        Issuer = _server.BaseUrl.GetLeftPart(UriPartial.Authority);
    }

    public string Issuer { get; }

    /// <summary>Who signs in next and what goes wrong, if anything (consumed by the next <c>/authorize</c>).</summary>
    public SignInScript Next { get; set; } = new("oidc-olive");

    /// <summary>How many codes were redeemed with a verifier matching their challenge.</summary>
    public int VerifiedCodeExchanges { get; private set; }

    // Generous timeouts: the browser tests share two busy cores, and a timed-out call would read as "provider unreachable".
    public JwtBearerSettings JwtSettings => new() { Issuer = Issuer, Audience = ApiAudience, JwksUrl = new Uri(Issuer + "/jwks"), JwksTimeout = TimeSpan.FromSeconds(60) };

    public ConsoleOidcSettings ConsoleSettings => new() { ClientId = ClientId, ClientSecret = ClientSecret, Timeout = TimeSpan.FromSeconds(60) };

    public ValueTask DisposeAsync()
    {
        _rsa.Dispose();
        return _server.DisposeAsync();
    }

    private Task HandleAsync(ScriptedHttpServer.Exchange exchange) => exchange.Path switch
    {
        "/.well-known/openid-configuration" => exchange.ReplyAsync(200, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
        })),
        "/jwks" => exchange.ReplyAsync(200, Jwks()),
        "/authorize" => AuthorizeAsync(exchange),
        "/token" => TokenAsync(exchange),
        _ => exchange.ReplyAsync(404, "{}"),
    };

    private Task AuthorizeAsync(ScriptedHttpServer.Exchange exchange)
    {
        var query = exchange.Context.Request.QueryString;
        var script = Next;
        if (query["response_type"] != "code" || query["client_id"] != ClientId || query["code_challenge_method"] != "S256")
        {
            return exchange.ReplyAsync(400, "{\"error\":\"invalid_request\"}");
        }

        var code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        _grants[code] = new Grant(script, query["nonce"]!, query["code_challenge"]!, query["redirect_uri"]!);
        var state = script.Fault == SignInFault.WrongState ? "forged-state" : query["state"];
        exchange.Context.Response.Redirect($"{query["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state!)}");
        return Task.CompletedTask;
    }

    private async Task TokenAsync(ScriptedHttpServer.Exchange exchange)
    {
        var form = HttpUtility.ParseQueryString(exchange.Body);
        var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + ClientSecret));
        if (exchange.Authorization != expectedAuth)
        {
            await exchange.ReplyAsync(401, "{\"error\":\"invalid_client\"}");
            return;
        }

        // A code is good once, for the redirect URI it was issued to, and only with the verifier of its challenge.
        if (form["grant_type"] != "authorization_code" || !_grants.TryRemove(form["code"] ?? string.Empty, out var grant) || form["redirect_uri"] != grant.RedirectUri
            || Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"] ?? string.Empty))) != grant.Challenge)
        {
            await exchange.ReplyAsync(400, "{\"error\":\"invalid_grant\"}");
            return;
        }

        VerifiedCodeExchanges++;
        await exchange.ReplyAsync(200, JsonSerializer.Serialize(new Dictionary<string, string> { ["id_token"] = IdToken(grant), ["token_type"] = "Bearer", ["access_token"] = "opaque" }));
    }

    private string IdToken(Grant grant)
    {
        var now = DateTime.UtcNow;
        var expired = grant.Script.Fault == SignInFault.Expired;
        var claims = new List<Claim> { new("sub", grant.Script.User), new("nonce", grant.Script.Fault == SignInFault.WrongNonce ? "another-nonce" : grant.Nonce) };
        claims.AddRange(grant.Script.Roles.Select(role => new Claim("roles", role)));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = grant.Script.Fault == SignInFault.WrongAudience ? "some-other-client" : ClientId,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = expired ? now.AddHours(-2) : now,
            NotBefore = expired ? now.AddHours(-2) : now,
            Expires = expired ? now.AddHours(-1) : now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private string Jwks()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64Url.EncodeToString(parameters.Modulus), e = Base64Url.EncodeToString(parameters.Exponent) } },
        });
    }

    private sealed record Grant(SignInScript Script, string Nonce, string Challenge, string RedirectUri);
}
