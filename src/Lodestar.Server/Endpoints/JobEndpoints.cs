using Lodestar.Core;
using Lodestar.Core.Jobs;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Sync;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>Durable jobs over HTTP: queue an ingestion of a server-side path (any node may run it) and follow any job's progress.</summary>
internal static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/knowledge-bases/{kb}/ingest-jobs", EnqueueIngestAsync).WithTags("Jobs").RequireAuthorization(Policies.Curate);
        endpoints.MapGet("/v1/jobs/{id}", GetAsync).WithTags("Jobs").RequireAuthorization(Policies.Read);
        return endpoints;
    }

    private static async Task<Accepted<JobInfo>> EnqueueIngestAsync(string kb, IngestJobBody? body, HttpContext context, IJobQueue jobs, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.Path))
        {
            throw LodestarException.Invalid("the body needs a 'path' on the server to ingest");
        }

        // Checked here for a clear 400; the path must be visible to every node (shared storage) since any node may run the job.
        if (!File.Exists(body.Path) && !Directory.Exists(body.Path))
        {
            throw LodestarException.Invalid($"no such file or folder: {body.Path}");
        }

        var principal = context.GetPrincipal();
        var knowledgeBase = KnowledgeBaseId.Create(principal.TenantId, kb);
        var job = await jobs.EnqueueAsync(IngestionJobFormat.JobType, principal.TenantId, principal.UserId,
            IngestionJobFormat.CreatePayload(knowledgeBase, Path.GetFullPath(body.Path), principal), cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"/v1/jobs/{job.Id}", job);
    }

    private static async Task<Ok<JobInfo>> GetAsync(string id, HttpContext context, IJobQueue jobs, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        var job = await jobs.GetAsync(id, cancellationToken).ConfigureAwait(false);
        // Another tenant's job, or another user's unless you administer, is indistinguishable from a missing one.
        if (job is null || job.TenantId != principal.TenantId || (job.CreatedBy != principal.UserId && !principal.IsAdministrator))
        {
            throw LodestarException.NotFound($"no job '{id}'");
        }

        return TypedResults.Ok(job);
    }

    internal sealed record IngestJobBody(string? Path);
}
