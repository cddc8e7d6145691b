namespace Lodestar.WebConsole.Security;

/// <summary>
/// Present in the services when the host offers single sign-on (OIDC) for the console: the sign-in page then shows
/// "Sign in with SSO", linking to <see cref="StartPath"/>. Sessions it opens carry <see cref="SessionClaim"/>.
/// </summary>
public sealed record ConsoleSingleSignOn(string StartPath)
{
    /// <summary>Marks a session opened through the identity provider: it has no API key to re-check on each request.</summary>
    public const string SessionClaim = "lodestar:console-sso";

    /// <summary>Where the identity provider sends the browser back with the authorization code.</summary>
    public const string CallbackPath = "/console/signin-oidc";

    /// <summary>Failure codes the callback passes to the sign-in page, which maps each to a fixed message (never provider text).</summary>
    public const string FailureQuery = "sso";
}
