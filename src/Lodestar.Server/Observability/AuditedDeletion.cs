using Lodestar.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lodestar.Server.Observability;

/// <summary>The tail of every observability DELETE: nothing deleted is a 404 with a reason; a deletion is audited, then 204.</summary>
internal static class AuditedDeletion
{
    public static async Task<NoContent> CompleteAsync(bool deleted, string missing, AuditEvent audited, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (!deleted)
        {
            throw LodestarException.NotFound(missing);
        }

        await audit.AppendAsync(audited, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
