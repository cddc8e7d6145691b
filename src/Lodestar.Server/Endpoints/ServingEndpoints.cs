using System.Text.Json;
using Lodestar.Models.Serving;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Endpoints;

/// <summary>
/// Model endpoints over HTTP. Deploying and rolling back change what production answers, so they need the
/// curator or admin role (the roles that manage shared content); members may list, inspect and predict.
/// </summary>
internal static class ServingEndpoints
{
    public static IEndpointRouteBuilder MapServingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/endpoints").WithTags("Serving");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Read);
        group.MapPut("/{name}", DeployAsync).RequireAuthorization(Policies.Curate);
        group.MapGet("/{name}", StatusAsync).RequireAuthorization(Policies.Read);
        // The singleton service is captured, not bound per call: no request service scope is created for a prediction.
        var serving = endpoints.ServiceProvider.GetRequiredService<ModelServing>();
        group.MapPost("/{name}/predict", (string name, HttpContext context) => ServingPredictHttp.PredictAsync(name, context, serving)).RequireAuthorization(Policies.Read).WithApiKeyFastPath()
            .Accepts<PredictBody>("application/json").Produces<PredictResult>();
        group.MapPost("/{name}/rollback", RollbackAsync).RequireAuthorization(Policies.Curate);
        group.MapPost("/{name}/predictions/export", ExportAsync).RequireAuthorization(Policies.Curate);
        endpoints.MapServingJobEndpoints();
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<EndpointDeployment>>> ListAsync(HttpContext context, ModelServing serving, CancellationToken cancellationToken) =>
        TypedResults.Ok(await serving.ListAsync(context.GetPrincipal(), cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<EndpointDeployment>> DeployAsync(string name, DeployRequest? body, HttpContext context, ModelServing serving, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.Model))
        {
            throw Core.LodestarException.Invalid("the body needs 'model': NAME, NAME@ALIAS or NAME:VERSION");
        }

        return TypedResults.Ok(await serving.DeployAsync(context.GetPrincipal(), name, body, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<EndpointStatus>> StatusAsync(string name, HttpContext context, ModelServing serving, CancellationToken cancellationToken) =>
        TypedResults.Ok(await serving.GetStatusAsync(context.GetPrincipal(), name, cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<EndpointDeployment>> RollbackAsync(string name, RollbackBody? body, HttpContext context, ModelServing serving, CancellationToken cancellationToken) =>
        TypedResults.Ok(await serving.RollbackAsync(context.GetPrincipal(), name, body?.Reason, cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<ExportResult>> ExportAsync(string name, ExportBody? body, HttpContext context, ModelServing serving, CancellationToken cancellationToken)
    {
        var rows = await serving.ExportPredictionsAsync(context.GetPrincipal(), name, body?.Path ?? string.Empty, body?.Since, body?.Limit ?? 10_000, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ExportResult(rows, body!.Path!));
    }

    internal sealed record ExportBody(string? Path, DateTimeOffset? Since, int? Limit);

    internal sealed record ExportResult(int Rows, string Path);

    /// <summary>The predict body's shape, for the OpenAPI document (the handler decodes it in place).</summary>
    internal sealed record PredictBody(JsonElement Rows, bool Explain);

    internal sealed record RollbackBody(string? Reason);
}
