using Lodestar.Core;
using Microsoft.AspNetCore.Authorization;

namespace Lodestar.WebConsole.Security;

/// <summary>
/// The console's authorization policies. They authenticate with the console cookie only, so the HTTP API keeps
/// its API-key scheme and a browser session never unlocks an API route (and vice versa).
/// </summary>
public static class ConsolePolicies
{
    /// <summary>Anyone signed in to the console.</summary>
    public const string SignedIn = "console.signed-in";

    /// <summary>Chat and citations: members and above.</summary>
    public const string Read = "console.read";

    /// <summary>The knowledge-base page: documents, ACLs, ingestion jobs.</summary>
    public const string Curate = "console.curate";

    /// <summary>The audit page.</summary>
    public const string Audit = "console.audit";

    /// <summary>Operations and alerts (the same readers as the observability API).</summary>
    public const string Operate = "console.operate";

    internal static void Configure(AuthorizationOptions options)
    {
        Add(options, SignedIn);
        Add(options, Read, Role.Member, Role.Curator, Role.Admin);
        Add(options, Curate, Role.Curator, Role.Admin);
        Add(options, Audit, Role.Auditor, Role.Admin);
        Add(options, Operate, Role.Auditor, Role.Admin);
    }

    private static void Add(AuthorizationOptions options, string name, params string[] roles) =>
        options.AddPolicy(name, policy =>
        {
            policy.AddAuthenticationSchemes(ConsoleCookie.Scheme).RequireAuthenticatedUser();
            if (roles.Length > 0)
            {
                policy.RequireRole(roles);
            }
        });
}
