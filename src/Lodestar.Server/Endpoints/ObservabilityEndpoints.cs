using Lodestar.Core;
using Lodestar.Observability.Answers;
using Lodestar.Observability.Metrics;
using Lodestar.Observability.Operations;
using Lodestar.Server.Observability;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>
/// Operators' views: <c>/metrics</c> (Prometheus text; admin or auditor of the operator tenant <c>default</c>, because
/// metrics are process-wide and labelled by tenant), the operations series and the tenant's observability settings.
/// </summary>
internal static class ObservabilityEndpoints
{
    public static IEndpointRouteBuilder MapObservabilityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/metrics", Metrics).WithTags("Observability").RequireAuthorization(Policies.Audit);
        var group = endpoints.MapGroup("/v1").WithTags("Observability");
        group.MapGet("/operations", ReadOperationsAsync).RequireAuthorization(Policies.Audit);
        group.MapGet("/observability/settings", GetSettingsAsync).RequireAuthorization(Policies.Administer);
        group.MapPut("/observability/settings", PutSettingsAsync).RequireAuthorization(Policies.Administer);
        endpoints.MapAnswerRecordEndpoints();
        endpoints.MapCostEndpoints();
        endpoints.MapAlertEndpoints();
        return endpoints;
    }

    private static ContentHttpResult Metrics(HttpContext context, PrometheusExporter exporter)
    {
        if (context.GetPrincipal().TenantId != Principal.DefaultTenant)
        {
            throw LodestarException.Forbidden($"metrics cover every tenant: scrape with a key of the operator tenant '{Principal.DefaultTenant}'");
        }

        return TypedResults.Text(exporter.Scrape(), PrometheusExporter.ContentType);
    }

    /// <summary>The caller's tenant only: an operations page never shows another tenant's traffic.</summary>
    private static async Task<Ok<OperationsSeries>> ReadOperationsAsync(string? window, string? bucket, HttpContext context, IOperationsReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = OperationsQuery.Last(
            QueryText.ParseDuration(window, TimeSpan.FromHours(1), "window"), QueryText.ParseDuration(bucket, TimeSpan.FromMinutes(1), "bucket"), time.GetUtcNow(), context.GetPrincipal().TenantId);
        return TypedResults.Ok(await reader.ReadAsync(query, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<SettingsBody>> GetSettingsAsync(HttpContext context, IAnswerRecordStore records, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SettingsBody(Camel(await records.GetPrivacyAsync(context.GetPrincipal().TenantId, cancellationToken).ConfigureAwait(false))));

    private static async Task<Ok<SettingsBody>> PutSettingsAsync(SettingsBody? body, HttpContext context, IAnswerRecordStore records, IAuditLog audit, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        var privacy = QueryText.ParseEnum<QuestionPrivacy>(body?.QuestionPrivacy, "questionPrivacy");
        await records.SetPrivacyAsync(principal.TenantId, privacy, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEvent(principal.TenantId, principal.UserId, "observability.settings", "questionPrivacy",
            new Dictionary<string, string> { ["questionPrivacy"] = Camel(privacy) }), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new SettingsBody(Camel(privacy)));
    }

    private static string Camel(QuestionPrivacy privacy) => privacy.ToString().ToLowerInvariant();

    /// <summary><c>questionPrivacy</c>: what answer records keep of a question, <c>hashed</c> (default), <c>stored</c> or <c>omitted</c>.</summary>
    internal sealed record SettingsBody(string? QuestionPrivacy);
}
