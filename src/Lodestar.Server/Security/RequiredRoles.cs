using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Lodestar.Server.Security;

/// <summary>
/// An authorization policy read as role sets (the caller needs one role of each), when the policy is no more than
/// "signed in with the default scheme and holding roles"; <see cref="FastPathAllowed"/> is false for anything else.
/// </summary>
internal sealed class RequiredRoles
{
    public static readonly RequiredRoles NotApplicable = new([], fastPathAllowed: false);

    private readonly string[][] _anyOfEach;

    private RequiredRoles(string[][] anyOfEach, bool fastPathAllowed) => (_anyOfEach, FastPathAllowed) = (anyOfEach, fastPathAllowed);

    public bool FastPathAllowed { get; }

    public static RequiredRoles Of(AuthorizationPolicy? policy)
    {
        if (policy is null || policy.AuthenticationSchemes.Any(scheme => scheme != LodestarAuthenticationHandler.SchemeName))
        {
            return NotApplicable;
        }

        var roleSets = new List<string[]>();
        foreach (var requirement in policy.Requirements)
        {
            switch (requirement)
            {
                case DenyAnonymousAuthorizationRequirement:
                    break;
                case RolesAuthorizationRequirement roles:
                    roleSets.Add([.. roles.AllowedRoles]);
                    break;
                default:
                    return NotApplicable;
            }
        }

        return new RequiredRoles([.. roleSets], fastPathAllowed: true);
    }

    public bool HeldBy(Core.Principal principal)
    {
        foreach (var anyOf in _anyOfEach)
        {
            if (!HoldsAny(principal, anyOf))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HoldsAny(Core.Principal principal, string[] roles)
    {
        foreach (var role in roles)
        {
            if (principal.IsInRole(role))
            {
                return true;
            }
        }

        return false;
    }
}
