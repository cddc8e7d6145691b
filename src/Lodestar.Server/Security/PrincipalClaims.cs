using System.Security.Claims;
using Lodestar.Core;
using Microsoft.AspNetCore.Http;

namespace Lodestar.Server.Security;

/// <summary>Maps between Lodestar's <see cref="Principal"/> and the claims an authentication handler issues.</summary>
internal static class PrincipalClaims
{
    public const string TenantClaim = "lodestar:tenant";
    public const string GroupClaim = "lodestar:group";

    /// <summary>Which credential signed in (<c>key:ID</c> or <c>jwt:TENANT/USER</c>): the per-credential rate limit partition.</summary>
    public const string CredentialClaim = "lodestar:credential";

    /// <summary>Prefix of an API-key credential: <c>key:</c> followed by the key id.</summary>
    public const string KeyCredentialPrefix = "key:";

    /// <summary>The credential claim of a sign-in: the API key's id, or the tenant and user a token (JWT or OIDC id token) named.</summary>
    public static string Credential(Principal principal, string? keyId) =>
        keyId is null ? "jwt:" + principal.TenantId + "/" + principal.UserId : KeyCredentialPrefix + keyId;

    public static SignedInUser ToClaims(Principal principal, string scheme, string credential)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, principal.UserId), new(TenantClaim, principal.TenantId), new(CredentialClaim, credential) };
        claims.AddRange(principal.Groups.Select(group => new Claim(GroupClaim, group)));
        claims.AddRange(principal.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new SignedInUser(principal, credential, new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The caller's tenant, or null when nobody signed in.</summary>
    public static string? TenantOf(ClaimsPrincipal user) =>
        user is SignedInUser signedIn ? signedIn.Principal.TenantId : user.FindFirstValue(TenantClaim);

    /// <summary>The caller's credential (<see cref="CredentialClaim"/>), or null when nobody signed in.</summary>
    public static string? CredentialOf(ClaimsPrincipal user) =>
        user is SignedInUser signedIn ? signedIn.Credential : user.FindFirstValue(CredentialClaim);

    /// <summary>The API key id of the caller (usage and budgets are attributed to it), or null when they signed in otherwise.</summary>
    public static string? GetKeyId(this HttpContext context) => KeyIdOf(context.User);

    /// <summary>The API key id a signed-in user presented, or null for other credentials.</summary>
    public static string? KeyIdOf(ClaimsPrincipal user) =>
        CredentialOf(user) is { } credential && credential.StartsWith(KeyCredentialPrefix, StringComparison.Ordinal)
            ? credential[KeyCredentialPrefix.Length..]
            : null;

    /// <summary>The authenticated caller; endpoints behind authorization always have one.</summary>
    public static Principal GetPrincipal(this HttpContext context)
    {
        var user = context.User;
        if (user is SignedInUser { Identity.IsAuthenticated: true } signedIn)
        {
            return signedIn.Principal;
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var tenant = user.FindFirstValue(TenantClaim);
        if (user.Identity?.IsAuthenticated != true || id is null || tenant is null)
        {
            throw new LodestarException(ErrorKind.Unauthorized, "authentication required");
        }

        return new Principal(tenant, id, user.FindAll(GroupClaim).Select(c => c.Value).ToList(), user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList());
    }
}
