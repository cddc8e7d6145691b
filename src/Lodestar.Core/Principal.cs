namespace Lodestar.Core;

/// <summary>Who is acting: a user of one tenant with their groups and roles.</summary>
public sealed record Principal(string TenantId, string UserId, IReadOnlyList<string> Groups, IReadOnlyList<string> Roles)
{
    /// <summary>The default tenant of the embedded single-machine setup.</summary>
    public const string DefaultTenant = "default";

    /// <summary>The CLI's local administrator, who sees everything in the default tenant.</summary>
    public static Principal LocalAdministrator { get; } = new(DefaultTenant, "admin", [], [Role.Admin]);

    /// <summary>Asked on every authorized request: an indexed loop, no enumerator or LINQ.</summary>
    public bool IsInRole(string role)
    {
        for (var i = 0; i < Roles.Count; i++)
        {
            if (string.Equals(Roles[i], role, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Administrators bypass document ACLs within their own tenant.</summary>
    public bool IsAdministrator => IsInRole(Role.Admin);

    /// <summary>The ACL subjects this principal matches: <c>user:ID</c> and one <c>group:NAME</c> per group.</summary>
    public IEnumerable<string> Subjects
    {
        get
        {
            yield return "user:" + UserId;
            foreach (var group in Groups)
            {
                yield return "group:" + group;
            }
        }
    }
}
