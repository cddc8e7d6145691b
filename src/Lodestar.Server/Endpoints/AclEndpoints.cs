using Lodestar.Knowledge.Documents;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>
/// Document ACLs over HTTP (curators). A PUT overrides the sidecar ACL until DELETE restores it; every change is
/// audited and applies to the next query. Documents are looked up in the caller's tenant only.
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
        TypedResults.Ok(await access.GetAsync(KnowledgeBaseId.Create(context.GetPrincipal().TenantId, kb), id, cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<DocumentAccess>> PutAsync(string kb, string id, AclBody? body, HttpContext context, DocumentAccessService access, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        if (body is null || (body.Allow is null && body.Deny is null))
        {
            throw Core.LodestarException.Invalid("send {\"allow\":[\"user:ID\",\"group:NAME\"],\"deny\":[...]} (an empty allow list means the whole tenant)");
        }

        return TypedResults.Ok(await access.SetAsync(KnowledgeBaseId.Create(principal.TenantId, kb), id, body.Allow, body.Deny, principal, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<DocumentAccess>> DeleteAsync(string kb, string id, HttpContext context, DocumentAccessService access, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        return TypedResults.Ok(await access.ClearAsync(KnowledgeBaseId.Create(principal.TenantId, kb), id, principal, cancellationToken).ConfigureAwait(false));
    }

    internal sealed record AclBody(IReadOnlyList<string>? Allow, IReadOnlyList<string>? Deny);
}
