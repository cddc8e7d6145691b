using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lodestar.Server.Tests.Security;

/// <summary>A real identity provider for tests: keys generated here, its JWKS served over loopback HTTP, tokens signed with them.</summary>
internal sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string Issuer = "https://idp.test";
    public const string Audience = "lodestar";
    private readonly List<(string Kid, AsymmetricAlgorithm Key)> _published = [];
    private WebApplication? _app;
    private int _fetches;

    public Uri JwksUrl { get; private set; } = null!;

    public int Fetches => Volatile.Read(ref _fetches);

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var provider = new TestIdentityProvider();
        (provider._app, var address) = await LoopbackApp.StartAsync(app => app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref provider._fetches);
            return Results.Content(provider.JwksDocument(), "application/json");
        }));
        provider.JwksUrl = new Uri(address + "/jwks");
        return provider;
    }

    public RSA PublishRsa(string kid)
    {
        var rsa = RSA.Create(2048);
        lock (_published)
        {
            _published.Add((kid, rsa));
        }

        return rsa;
    }

    public ECDsa PublishEc(string kid)
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        lock (_published)
        {
            _published.Add((kid, ec));
        }

        return ec;
    }

    public Lodestar.Server.Security.JwtBearerSettings Settings(string? jwksFile = null) => new()
    {
        Issuer = Issuer,
        Audience = Audience,
        JwksUrl = jwksFile is null ? JwksUrl : null,
        JwksFile = jwksFile,
        JwksMinimumRefreshInterval = TimeSpan.Zero,
    };

    public static string Sign(SecurityKey key, string algorithm, IDictionary<string, object> claims, string issuer = Issuer, string audience = Audience, DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            NotBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-20),
            IssuedAt = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-20),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, algorithm),
        });

    public string JwksDocument()
    {
        var keys = new List<string>();
        lock (_published)
        {
            foreach (var (kid, key) in _published)
            {
                keys.Add(key switch
                {
                    RSA rsa => Rsa(kid, rsa.ExportParameters(false)),
                    ECDsa ec => Ec(kid, ec.ExportParameters(false)),
                    _ => throw new NotSupportedException(),
                });
            }
        }

        return "{\"keys\":[" + string.Join(',', keys) + "]}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        foreach (var (_, key) in _published)
        {
            key.Dispose();
        }
    }

    private static string Rsa(string kid, RSAParameters p) =>
        $"{{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"{kid}\",\"n\":\"{Base64UrlEncoder.Encode(p.Modulus)}\",\"e\":\"{Base64UrlEncoder.Encode(p.Exponent)}\"}}";

    private static string Ec(string kid, ECParameters p) =>
        $"{{\"kty\":\"EC\",\"use\":\"sig\",\"kid\":\"{kid}\",\"crv\":\"P-256\",\"x\":\"{Base64UrlEncoder.Encode(p.Q.X)}\",\"y\":\"{Base64UrlEncoder.Encode(p.Q.Y)}\"}}";
}
