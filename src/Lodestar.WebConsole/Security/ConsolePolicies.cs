using Lodestar.Governance.Identity;
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
        // The role lists are the ones the HTTP API and the CLI check (Permissions), so the console never drifts from them.
        Add(options, SignedIn, roles: null);
        Add(options, Read, Permissions.Read);
        Add(options, Curate, Permissions.Curate);
        Add(options, Audit, Permissions.Audit);
        Add(options, Operate, Permissions.Audit);
    }

    private static void Add(AuthorizationOptions options, string name, IReadOnlyList<string>? roles) =>
        options.AddPolicy(name, policy =>
        {
            policy.AddAuthenticationSchemes(ConsoleCookie.Scheme).RequireAuthenticatedUser();
            if (roles is not null)
            {
                policy.RequireRole(roles);
            }
        });
}
