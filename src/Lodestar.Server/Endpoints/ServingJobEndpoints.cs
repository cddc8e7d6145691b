using Lodestar.Core.Jobs;
using Lodestar.Models.Scoring;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>
/// Batch scoring jobs over server-side CSV files: start (202), poll progress, resume. Jobs run on the durable job
/// queue (<c>models.score</c>), so a node that stops or dies mid-job leaves it to another node or to its restart.
/// </summary>
internal static class ServingJobEndpoints
{
    public static IEndpointRouteBuilder MapServingJobEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/scoring-jobs").WithTags("Serving");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Curate);
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.Curate);
        group.MapPost("/{id}/resume", ResumeAsync).RequireAuthorization(Policies.Curate);
        return endpoints;
    }

    private static async Task<Accepted<ScoringJob>> CreateAsync(JobBody? body, HttpContext context, ScoringJobRunner jobs, IJobQueue queue, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.Model) || string.IsNullOrWhiteSpace(body.Input) || string.IsNullOrWhiteSpace(body.Output))
        {
            throw Core.LodestarException.Invalid("the body needs 'model', 'input' (a CSV on the server) and 'output'");
        }

        var actor = context.GetPrincipal();
        var job = await jobs.CreateAsync(actor, body.Model, body.Input, body.Output, body.ChunkRows ?? ScoringJobRunner.DefaultChunkRows, cancellationToken).ConfigureAwait(false);
        await jobs.StartDurablyAsync(queue, actor, job, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"/v1/scoring-jobs/{job.Id}", job);
    }

    private static async Task<Ok<ScoringJob>> GetAsync(string id, HttpContext context, ScoringJobRunner jobs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await jobs.GetAsync(context.GetPrincipal(), id, cancellationToken).ConfigureAwait(false));

    /// <summary>For a job that failed (e.g. its input was restored) or was abandoned; an interrupted job resumes by itself.</summary>
    private static async Task<Accepted<ScoringJob>> ResumeAsync(string id, HttpContext context, ScoringJobRunner jobs, IJobQueue queue, CancellationToken cancellationToken)
    {
        var actor = context.GetPrincipal();
        var job = await jobs.GetAsync(actor, id, cancellationToken).ConfigureAwait(false);
        await jobs.StartDurablyAsync(queue, actor, job, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"/v1/scoring-jobs/{job.Id}", job);
    }

    internal sealed record JobBody(string? Model, string? Input, string? Output, int? ChunkRows);
}
