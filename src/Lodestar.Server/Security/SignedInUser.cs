using System.Security.Claims;
using Lodestar.Core;

namespace Lodestar.Server.Security;

/// <summary>
/// The claims of a sign-in together with the <see cref="Principal"/> and credential they were made from, so the
/// request path (endpoints, rate limits, request telemetry) reads them without scanning and re-parsing claims.
/// </summary>
internal sealed class SignedInUser(Principal principal, string credential, ClaimsIdentity identity) : ClaimsPrincipal(identity)
{
    /// <summary>The one identity, without the base class's search over its identity list (an enumerator per call).</summary>
    public override System.Security.Principal.IIdentity Identity => identity;

    public Principal Principal { get; } = principal;

    /// <summary>The <see cref="PrincipalClaims.CredentialClaim"/> value: the per-credential rate limit partition.</summary>
    public string Credential { get; } = credential;

    /// <summary>Role policies ask this for every request: the principal's role list instead of a scan over claims (the role claims are made from the same list).</summary>
    public override bool IsInRole(string role) => Principal.IsInRole(role);
}
