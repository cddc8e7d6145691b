using Lodestar.Core;
using Lodestar.Governance.Identity;

namespace Lodestar.Cli;

/// <summary>
/// Who a CLI command acts as: the local administrator, or a user it impersonates (written to the audit trail),
/// who must hold one of <c>requiredRoles</c> (<see cref="Permissions"/>), exactly as over HTTP.
/// </summary>
internal static class Acting
{
    public static async Task<Principal> ResolveAsync(CliContext context, string? userId, string target, IReadOnlyList<string> requiredRoles, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return Principal.LocalAdministrator;
        }

        var principal = await context.GetRequiredService<IPrincipalResolver>().ResolveAsync(userId, cancellationToken).ConfigureAwait(false);
        await context.GetRequiredService<IAuditLog>().AppendAsync(
            new AuditEvent(principal.TenantId, Principal.LocalAdministrator.UserId, "identity.impersonate", "user:" + userId, new Dictionary<string, string> { ["command"] = target }),
            cancellationToken).ConfigureAwait(false);
        Permissions.Demand(principal, requiredRoles, target);
        return principal;
    }
}
