using Lodestar.Models.Monitoring;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>Drift monitors and reports per registered model. Read: members; configure and run: curators.</summary>
internal static class DriftEndpoints
{
    public static IEndpointRouteBuilder MapDriftEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var drift = endpoints.MapGroup("/v1/models/{name}/drift").WithTags("Drift");
        drift.MapGet("/monitor", GetMonitorAsync).RequireAuthorization(Policies.Read);
        drift.MapPut("/monitor", SetMonitorAsync).RequireAuthorization(Policies.Curate);
        drift.MapPost("/reports", RunAsync).RequireAuthorization(Policies.Curate);
        drift.MapGet("/reports", ListAsync).RequireAuthorization(Policies.Read);
        drift.MapGet("/reports/{id}", GetAsync).RequireAuthorization(Policies.Read);
        return endpoints;
    }

    private static async Task<Ok<DriftMonitor>> GetMonitorAsync(string name, HttpContext context, DriftMonitorService drift, CancellationToken cancellationToken) =>
        TypedResults.Ok(await drift.GetMonitorAsync(context.GetPrincipal(), name, cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<DriftMonitor>> SetMonitorAsync(string name, MonitorBody? body, HttpContext context, DriftMonitorService drift, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        var monitor = new DriftMonitor(name, principal.TenantId, body?.Reference ?? "champion", body?.CurrentPath, body?.IntervalSeconds, body?.Rules ?? [], principal.UserId, body?.Options, Endpoint: body?.Endpoint);
        return TypedResults.Ok(await drift.SetMonitorAsync(principal, monitor, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Created<StoredDriftReport>> RunAsync(string name, DriftRunRequest? body, HttpContext context, DriftMonitorService drift, CancellationToken cancellationToken)
    {
        var report = await drift.RunAsync(context.GetPrincipal(), name, body ?? new DriftRunRequest(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/models/{name}/drift/reports/{report.Id}", report);
    }

    private static async Task<Ok<ReportList>> ListAsync(string name, int? limit, HttpContext context, DriftMonitorService drift, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ReportList(await drift.ListReportsAsync(context.GetPrincipal(), name, limit ?? 50, cancellationToken).ConfigureAwait(false)));

    private static async Task<Ok<StoredDriftReport>> GetAsync(string name, string id, HttpContext context, DriftMonitorService drift, CancellationToken cancellationToken) =>
        TypedResults.Ok(await drift.GetReportAsync(context.GetPrincipal(), name, id, cancellationToken).ConfigureAwait(false));

    internal sealed record ReportList(IReadOnlyList<StoredDriftReport> Reports);

    internal sealed record MonitorBody(string? Reference, string? CurrentPath, int? IntervalSeconds, IReadOnlyList<DriftRule>? Rules, DriftOptions? Options, string? Endpoint);
}
