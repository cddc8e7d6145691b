using Lodestar.Core;

namespace Lodestar.Governance.Identity;

/// <summary>
/// Which roles may do what: the one table behind the HTTP policies and the CLI's checks when it acts as a user,
/// so both hosts grant exactly the same things.
/// </summary>
public static class Permissions
{
    /// <summary>Search and ask.</summary>
    public static IReadOnlyList<string> Read { get; } = [Role.Member, Role.Curator, Role.Admin];

    /// <summary>Manage knowledge bases, ingestion and document ACLs.</summary>
    public static IReadOnlyList<string> Curate { get; } = [Role.Curator, Role.Admin];

    /// <summary>Read and export the audit trail.</summary>
    public static IReadOnlyList<string> Audit { get; } = [Role.Auditor, Role.Admin];

    /// <summary>Manage tenants, users, groups and keys.</summary>
    public static IReadOnlyList<string> Administer { get; } = [Role.Admin];

    /// <summary>Throws Forbidden unless <paramref name="principal"/> holds one of <paramref name="roles"/>.</summary>
    public static void Demand(Principal principal, IReadOnlyList<string> roles, string action)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in roles)
        {
            if (principal.IsInRole(role))
            {
                return;
            }
        }

        throw LodestarException.Forbidden($"user '{principal.UserId}' may not {action}: it needs one of the roles {string.Join(", ", roles)}");
    }
}
