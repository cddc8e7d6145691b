using Lodestar.Models.Tracking;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>
/// Experiment tracking over HTTP in Lodestar's own shapes: experiments, runs, side-by-side comparison and
/// content-addressed artifacts. Logging params/metrics/tags goes through the MLflow-compatible API.
/// </summary>
internal static class TrackingEndpoints
{
    public static IEndpointRouteBuilder MapTrackingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1").WithTags("Tracking");
        group.MapGet("/experiments", ListExperimentsAsync).RequireAuthorization(Policies.Read);
        group.MapPost("/experiments", CreateExperimentAsync).RequireAuthorization(Policies.Curate);
        group.MapGet("/experiments/{id}/runs", ListRunsAsync).RequireAuthorization(Policies.Read);
        group.MapGet("/runs/compare", CompareAsync).RequireAuthorization(Policies.Read);
        group.MapGet("/runs/{id}", GetRunAsync).RequireAuthorization(Policies.Read);
        group.MapGet("/runs/{id}/artifacts", ListArtifactsAsync).RequireAuthorization(Policies.Read);
        group.MapPut("/runs/{id}/artifacts/{**path}", PutArtifactAsync).RequireAuthorization(Policies.Curate);
        group.MapGet("/runs/{id}/artifacts/{**path}", GetArtifactAsync).RequireAuthorization(Policies.Read);
        return endpoints;
    }

    private static async Task<Ok<ExperimentList>> ListExperimentsAsync(HttpContext context, TrackingService tracking, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ExperimentList(await tracking.ListExperimentsAsync(context.GetPrincipal(), cancellationToken).ConfigureAwait(false)));

    private static async Task<Created<Experiment>> CreateExperimentAsync(ExperimentBody? body, HttpContext context, TrackingService tracking, CancellationToken cancellationToken)
    {
        var experiment = await tracking.CreateExperimentAsync(context.GetPrincipal(), body?.Name ?? string.Empty, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/experiments/{experiment.Id}/runs", experiment);
    }

    private static async Task<Ok<RunList>> ListRunsAsync(string id, int? max, HttpContext context, TrackingService tracking, CancellationToken cancellationToken) =>
        TypedResults.Ok(new RunList(await tracking.SearchRunsAsync(context.GetPrincipal(), [id], max ?? 1000, cancellationToken).ConfigureAwait(false)));

    private static async Task<Ok<RunComparison>> CompareAsync(string[]? run, HttpContext context, TrackingService tracking, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tracking.CompareAsync(context.GetPrincipal(), run ?? [], cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<Run>> GetRunAsync(string id, HttpContext context, TrackingService tracking, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tracking.GetRunAsync(context.GetPrincipal(), id, cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<ArtifactList>> ListArtifactsAsync(string id, HttpContext context, TrackingService tracking, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ArtifactList(await tracking.ListArtifactsAsync(context.GetPrincipal(), id, cancellationToken).ConfigureAwait(false)));

    private static async Task<Created<RunArtifact>> PutArtifactAsync(string id, string path, HttpContext context, TrackingService tracking, CancellationToken cancellationToken)
    {
        var artifact = await tracking.LogArtifactAsync(context.GetPrincipal(), id, path, context.Request.Body, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/runs/{id}/artifacts/{artifact.Path}", artifact);
    }

    private static async Task<FileStreamHttpResult> GetArtifactAsync(string id, string path, HttpContext context, TrackingService tracking, CancellationToken cancellationToken)
    {
        var (artifact, file) = await tracking.LocateArtifactAsync(context.GetPrincipal(), id, path, cancellationToken).ConfigureAwait(false);
        context.Response.Headers.ETag = $"\"{artifact.Sha256}\"";
        return TypedResults.File(File.OpenRead(file), "application/octet-stream", Path.GetFileName(artifact.Path));
    }

    internal sealed record ExperimentBody(string? Name);

    internal sealed record ExperimentList(IReadOnlyList<Experiment> Experiments);

    internal sealed record RunList(IReadOnlyList<Run> Runs);

    internal sealed record ArtifactList(IReadOnlyList<RunArtifact> Artifacts);
}
