using Lodestar.Models.Scoring;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>Batch scoring jobs over server-side CSV files: start (202), poll progress, resume after a crash.</summary>
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

    private static async Task<Accepted<ScoringJob>> CreateAsync(JobBody? body, HttpContext context, ScoringJobRunner jobs, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.Model) || string.IsNullOrWhiteSpace(body.Input) || string.IsNullOrWhiteSpace(body.Output))
        {
            throw Core.LodestarException.Invalid("the body needs 'model', 'input' (a CSV on the server) and 'output'");
        }

        var job = await jobs.CreateAsync(context.GetPrincipal(), body.Model, body.Input, body.Output, body.ChunkRows ?? ScoringJobRunner.DefaultChunkRows, cancellationToken).ConfigureAwait(false);
        jobs.Start(job);
        return TypedResults.Accepted($"/v1/scoring-jobs/{job.Id}", job);
    }

    private static async Task<Ok<ScoringJob>> GetAsync(string id, HttpContext context, ScoringJobRunner jobs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await jobs.GetAsync(context.GetPrincipal(), id, cancellationToken).ConfigureAwait(false));

    private static async Task<Accepted<ScoringJob>> ResumeAsync(string id, HttpContext context, ScoringJobRunner jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(context.GetPrincipal(), id, cancellationToken).ConfigureAwait(false);
        jobs.Start(job);
        return TypedResults.Accepted($"/v1/scoring-jobs/{job.Id}", job);
    }

    internal sealed record JobBody(string? Model, string? Input, string? Output, int? ChunkRows);
}
