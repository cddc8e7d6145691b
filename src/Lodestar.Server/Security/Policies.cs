using Lodestar.Core;
using Lodestar.Governance.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Lodestar.Server.Security;

/// <summary>Authorization policies by role (the table is <see cref="Permissions"/>). Every endpoint names one (a test enumerates them).</summary>
internal static class Policies
{
    /// <summary>Any signed-in caller with at least one role (e.g. "who am I").</summary>
    public const string Authenticated = "lodestar.authenticated";

    /// <summary>Search and ask: members and above.</summary>
    public const string Read = "lodestar.read";

    /// <summary>Manage knowledge bases and ingestion.</summary>
    public const string Curate = "lodestar.curate";

    /// <summary>Read the audit trail.</summary>
    public const string Audit = "lodestar.audit";

    /// <summary>Manage users, keys and tenants.</summary>
    public const string Administer = "lodestar.admin";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Authenticated, policy => policy.RequireAuthenticatedUser().RequireRole(Role.All));
        options.AddPolicy(Read, policy => policy.RequireAuthenticatedUser().RequireRole(Permissions.Read));
        options.AddPolicy(Curate, policy => policy.RequireAuthenticatedUser().RequireRole(Permissions.Curate));
        options.AddPolicy(Audit, policy => policy.RequireAuthenticatedUser().RequireRole(Permissions.Audit));
        options.AddPolicy(Administer, policy => policy.RequireAuthenticatedUser().RequireRole(Permissions.Administer));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
