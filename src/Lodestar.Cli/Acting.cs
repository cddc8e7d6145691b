using Lodestar.Core;
using Lodestar.Governance.Identity;

namespace Lodestar.Cli;

/// <summary>Who a CLI command acts as: the local administrator, or a user it impersonates (written to the audit trail).</summary>
internal static class Acting
{
    public static async Task<Principal> ResolveAsync(CliContext context, string? userId, string target, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return Principal.LocalAdministrator;
        }

        var principal = await context.GetRequiredService<IPrincipalResolver>().ResolveAsync(userId, cancellationToken).ConfigureAwait(false);
        await context.GetRequiredService<IAuditLog>().AppendAsync(
            new AuditEvent(principal.TenantId, Principal.LocalAdministrator.UserId, "identity.impersonate", "user:" + userId, new Dictionary<string, string> { ["command"] = target }),
            cancellationToken).ConfigureAwait(false);
        return principal;
    }
}
