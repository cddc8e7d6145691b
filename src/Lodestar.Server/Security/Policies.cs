using Lodestar.Core;
using Microsoft.AspNetCore.Authorization;

namespace Lodestar.Server.Security;

/// <summary>Authorization policies by role. Every endpoint names one (a test enumerates them).</summary>
internal static class Policies
{
    /// <summary>Search and ask: members and above.</summary>
    public const string Read = "lodestar.read";

    /// <summary>Manage knowledge bases and ingestion.</summary>
    public const string Curate = "lodestar.curate";

    /// <summary>Read the audit trail.</summary>
    public const string Audit = "lodestar.audit";

    /// <summary>Manage users, keys and tenants.</summary>
    public const string Administer = "lodestar.admin";

    /// <summary>Any signed-in user; the endpoint itself narrows what they see (e.g. only their own answers).</summary>
    public const string SignedIn = "lodestar.signed-in";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Read, policy => policy.RequireAuthenticatedUser().RequireRole(Role.Member, Role.Curator, Role.Admin));
        options.AddPolicy(Curate, policy => policy.RequireAuthenticatedUser().RequireRole(Role.Curator, Role.Admin));
        options.AddPolicy(Audit, policy => policy.RequireAuthenticatedUser().RequireRole(Role.Auditor, Role.Admin));
        options.AddPolicy(Administer, policy => policy.RequireAuthenticatedUser().RequireRole(Role.Admin));
        options.AddPolicy(SignedIn, policy => policy.RequireAuthenticatedUser());
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
