using System.Security.Claims;
using Lodestar.Core;
using Microsoft.AspNetCore.Http;

namespace Lodestar.WebConsole.Security;

/// <summary>
/// How the host maps a Lodestar <see cref="Principal"/> to claims and back. The server owns that mapping (its API-key
/// handler issues the same claims), so the console borrows it instead of keeping a second copy.
/// </summary>
public sealed class ConsoleIdentity(
    Func<Principal, string, string?, ClaimsPrincipal> toClaims,
    Func<HttpContext, Principal> getPrincipal,
    Func<ClaimsPrincipal, string?> keyIdOf)
{
    /// <summary>
    /// Claims for a cookie session of <paramref name="principal"/> under the authentication scheme given; the id of the
    /// key used to sign in travels along, so usage and budgets per key count console questions too.
    /// </summary>
    public ClaimsPrincipal ToClaims(Principal principal, string scheme, string? keyId) => toClaims(principal, scheme, keyId);

    /// <summary>The signed-in caller of the current request.</summary>
    public Principal GetPrincipal(HttpContext context) => getPrincipal(context);

    /// <summary>The id of the API key a session was opened with, or null.</summary>
    public string? KeyIdOf(ClaimsPrincipal user) => keyIdOf(user);
}
