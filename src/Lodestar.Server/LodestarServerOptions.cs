using Lodestar.Server.Composition;
using Lodestar.Server.Security;

namespace Lodestar.Server;

/// <summary>How to run the server: the composition every host shares, plus what only an HTTP host decides.</summary>
public sealed class LodestarServerOptions
{
    /// <summary>Data directory, store, models and serving switches, as the CLI composes them too.</summary>
    public required LodestarHostOptions Host { get; init; }

    /// <summary>Semicolon-separated listen URLs; port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>OIDC/JWT bearer sign-in; off (API keys only) unless configured, by default from <c>LODESTAR_OIDC_*</c>.</summary>
    public JwtBearerSettings? Jwt { get; init; } = JwtBearerSettings.FromEnvironment();

    /// <summary>The console's OIDC sign-in (code flow with PKCE); off unless <c>LODESTAR_OIDC_CLIENT_ID</c> is set.</summary>
    public ConsoleOidcSettings? ConsoleOidc { get; init; } = ConsoleOidcSettings.FromEnvironment();

    public RateLimitSettings RateLimits { get; init; } = RateLimitSettings.FromEnvironment();
}
