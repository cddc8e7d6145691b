using Lodestar.Knowledge.Documents;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>
/// Document ACLs over HTTP (curators). A PUT overrides the sidecar ACL until DELETE restores it; every change is
/// audited and applies to the next query. Documents are looked up in the caller's tenant only. Responses carry the
/// ACL's version as an ETag; a PUT or DELETE with If-Match applies only to that version (else 409), across every node.
/// </summary>
internal static class AclEndpoints
{
    public static IEndpointRouteBuilder MapAclEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/knowledge-bases/{kb}/documents/{id}/acl").WithTags("Knowledge").RequireAuthorization(Policies.Curate);
        group.MapGet(string.Empty, GetAsync);
        group.MapPut(string.Empty, PutAsync);
        group.MapDelete(string.Empty, DeleteAsync);
        return endpoints;
    }

    private static async Task<Ok<DocumentAccess>> GetAsync(string kb, string id, HttpContext context, DocumentAccessService access, CancellationToken cancellationToken) =>
        Tagged(context, await access.GetAsync(KnowledgeBaseId.Create(context.GetPrincipal().TenantId, kb), id, cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<DocumentAccess>> PutAsync(string kb, string id, AclBody? body, HttpContext context, DocumentAccessService access, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        if (body is null || (body.Allow is null && body.Deny is null))
        {
            throw Core.LodestarException.Invalid("send {\"allow\":[\"user:ID\",\"group:NAME\"],\"deny\":[...]} (an empty allow list means the whole tenant)");
        }

        return Tagged(context, await access.SetAsync(KnowledgeBaseId.Create(principal.TenantId, kb), id, body.Allow, body.Deny, principal, ExpectedVersion(context.Request), cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<DocumentAccess>> DeleteAsync(string kb, string id, HttpContext context, DocumentAccessService access, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        return Tagged(context, await access.ClearAsync(KnowledgeBaseId.Create(principal.TenantId, kb), id, principal, ExpectedVersion(context.Request), cancellationToken).ConfigureAwait(false));
    }

    private static Ok<DocumentAccess> Tagged(HttpContext context, DocumentAccess access)
    {
        context.Response.Headers.ETag = $"\"{access.Version}\"";
        return TypedResults.Ok(access);
    }

    /// <summary>The one entity tag of If-Match (weak or strong), or null when absent or <c>*</c> (any current ACL).</summary>
    private static string? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return tag.Length > 2 && tag[0] == '"' && tag[^1] == '"' && tag.IndexOf('"', 1) == tag.Length - 1
            ? tag[1..^1]
            : throw Core.LodestarException.Invalid("If-Match must be one entity tag, e.g. \"3f2a...\" as the ETag of a GET returned it");
    }

    internal sealed record AclBody(IReadOnlyList<string>? Allow, IReadOnlyList<string>? Deny);
}
