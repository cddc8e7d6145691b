using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).WithTags("Health").AllowAnonymous();
        // Alive is not ready: a node that starts cold serves only once its indexes have caught up with the change log.
        endpoints.MapGet("/readyz", (Cluster.IndexReadiness readiness) => readiness.CaughtUpAt is { } at
            ? Results.Ok(new { status = "ready", caughtUpAt = at })
            : Results.Json(new { status = "catching-up" }, statusCode: StatusCodes.Status503ServiceUnavailable)).WithTags("Health").AllowAnonymous();
        return endpoints;
    }
}
