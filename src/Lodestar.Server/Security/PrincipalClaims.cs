using System.Security.Claims;
using Lodestar.Core;
using Microsoft.AspNetCore.Http;

namespace Lodestar.Server.Security;

/// <summary>Maps between Lodestar's <see cref="Principal"/> and the claims an authentication handler issues.</summary>
internal static class PrincipalClaims
{
    public const string TenantClaim = "lodestar:tenant";
    public const string GroupClaim = "lodestar:group";

    /// <summary>The id of the API key a request authenticated with (usage and budgets are attributed to it).</summary>
    public const string KeyClaim = "lodestar:key";

    public static ClaimsPrincipal ToClaims(Principal principal, string scheme, string? keyId = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, principal.UserId), new(TenantClaim, principal.TenantId) };
        if (keyId is not null)
        {
            claims.Add(new Claim(KeyClaim, keyId));
        }

        claims.AddRange(principal.Groups.Select(group => new Claim(GroupClaim, group)));
        claims.AddRange(principal.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The API key id of the caller, or null when they did not authenticate with an API key.</summary>
    public static string? GetKeyId(this HttpContext context) => context.User.FindFirstValue(KeyClaim);

    /// <summary>The authenticated caller; endpoints behind authorization always have one.</summary>
    public static Principal GetPrincipal(this HttpContext context)
    {
        var user = context.User;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var tenant = user.FindFirstValue(TenantClaim);
        if (user.Identity?.IsAuthenticated != true || id is null || tenant is null)
        {
            throw new LodestarException(ErrorKind.Unauthorized, "authentication required");
        }

        return new Principal(tenant, id, user.FindAll(GroupClaim).Select(c => c.Value).ToList(), user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList());
    }
}
