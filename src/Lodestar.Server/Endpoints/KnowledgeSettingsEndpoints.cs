using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Settings;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>
/// A knowledge base's own settings (admins only): GET shows the saved and the effective settings, PUT replaces the saved
/// ones (validated, audited). A new embedding model queues a re-embedding job whose id the PUT returns.
/// </summary>
internal static class KnowledgeSettingsEndpoints
{
    public static IEndpointRouteBuilder MapKnowledgeSettingsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/knowledge-bases/{kb}/settings").WithTags("Knowledge").RequireAuthorization(Policies.Administer);
        group.MapGet(string.Empty, GetAsync);
        group.MapPut(string.Empty, PutAsync);
        return endpoints;
    }

    private static async Task<Ok<SettingsView>> GetAsync(string kb, HttpContext context, KnowledgeSettingsService settings, CancellationToken cancellationToken)
    {
        var knowledgeBase = KnowledgeBaseId.Create(context.GetPrincipal().TenantId, kb);
        var stored = await settings.GetStoredAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
        var effective = await settings.GetEffectiveAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new SettingsView(stored?.Settings ?? new KnowledgeBaseSettings(), effective, stored?.Version ?? 0, stored?.UpdatedBy, stored?.UpdatedAt, null));
    }

    private static async Task<Ok<SettingsView>> PutAsync(string kb, KnowledgeBaseSettings? body, HttpContext context, KnowledgeSettingsService settings, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            throw Core.LodestarException.Invalid("send the settings as JSON, e.g. {\"analyzer\":{\"stemmer\":\"none\"},\"bm25\":{\"k1\":1.2,\"b\":0.75}}");
        }

        var principal = context.GetPrincipal();
        var knowledgeBase = KnowledgeBaseId.Create(principal.TenantId, kb);
        var (saved, jobId) = await settings.SetAsync(knowledgeBase, body, principal, cancellationToken).ConfigureAwait(false);
        var effective = await settings.GetEffectiveAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new SettingsView(saved.Settings, effective, saved.Version, saved.UpdatedBy, saved.UpdatedAt, jobId));
    }

    /// <param name="Settings">What the knowledge base sets itself (null sections use the defaults).</param>
    /// <param name="Effective">What applies: the saved sections over the host's defaults.</param>
    /// <param name="ReembedJobId">The re-embedding job a PUT queued (follow it at <c>/v1/jobs/{id}</c>).</param>
    internal sealed record SettingsView(KnowledgeBaseSettings Settings, KnowledgeBaseSettings Effective, long Version, string? UpdatedBy, DateTimeOffset? UpdatedAt, string? ReembedJobId);
}
