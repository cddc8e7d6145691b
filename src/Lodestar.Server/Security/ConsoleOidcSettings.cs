using Lodestar.Core;

namespace Lodestar.Server.Security;

/// <summary>
/// The console's OIDC sign-in (authorization code with PKCE) against the issuer trusted for JWT bearer tokens
/// (<see cref="JwtBearerSettings"/>): this application's client registration at that provider. Enabled when
/// <c>LODESTAR_OIDC_CLIENT_ID</c> is set beside <c>LODESTAR_OIDC_ISSUER</c>.
/// </summary>
public sealed class ConsoleOidcSettings
{
    public required string ClientId { get; init; }

    /// <summary>Sent with HTTP Basic authentication to the token endpoint; null for a public client (PKCE alone).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The registered redirect URI; null derives it from the request (<c>/console/signin-oidc</c> on this host).</summary>
    public Uri? RedirectUri { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = ["openid", "profile"];

    /// <summary>How long a started sign-in may take at the provider before its state is refused.</summary>
    public TimeSpan MaxSignInDuration { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads <c>LODESTAR_OIDC_CLIENT_ID</c>, <c>_CLIENT_SECRET</c>, <c>_REDIRECT_URI</c> and <c>_SCOPES</c>; null when no client id is set.</summary>
    public static ConsoleOidcSettings? FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var clientId = read("LODESTAR_OIDC_CLIENT_ID");
        if (string.IsNullOrWhiteSpace(clientId))
        {
            return null;
        }

        var redirect = read("LODESTAR_OIDC_REDIRECT_URI");
        var secret = read("LODESTAR_OIDC_CLIENT_SECRET");
        var scopes = read("LODESTAR_OIDC_SCOPES")?.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var defaults = new ConsoleOidcSettings { ClientId = clientId.Trim() };
        return new ConsoleOidcSettings
        {
            ClientId = defaults.ClientId,
            ClientSecret = string.IsNullOrWhiteSpace(secret) ? null : secret,
            RedirectUri = string.IsNullOrWhiteSpace(redirect) ? null
                // An absolute path parses as a file: URI on Unix, so the scheme is checked too.
                : Uri.TryCreate(redirect, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) ? uri
                : throw LodestarException.Invalid($"LODESTAR_OIDC_REDIRECT_URI '{redirect}' must be an absolute https URL (plain http only on loopback)"),
            Scopes = scopes is { Length: > 0 } ? scopes : defaults.Scopes,
        };
    }

    /// <summary>Fails start-up on a registration that cannot work: no JWT trust to validate id tokens with, or no <c>openid</c> scope.</summary>
    public void Validate(JwtBearerSettings? jwt)
    {
        if (jwt is null)
        {
            throw LodestarException.Invalid("console OIDC sign-in (LODESTAR_OIDC_CLIENT_ID) needs the issuer and its keys configured too (LODESTAR_OIDC_ISSUER, LODESTAR_OIDC_AUDIENCE, LODESTAR_OIDC_JWKS_URL or _FILE)");
        }

        if (!Scopes.Contains("openid", StringComparer.Ordinal))
        {
            throw LodestarException.Invalid("LODESTAR_OIDC_SCOPES must include 'openid'");
        }
    }
}
