using Lodestar.Core;
using Lodestar.Core.Net;
using Lodestar.Observability.Alerts;
using Lodestar.Server.Observability;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>Alert events (admins and auditors), alert rules and webhooks (admins manage) of the caller's tenant.</summary>
internal static class ObservabilityAlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/alerts").WithTags("Observability");
        group.MapGet("/", ListAlertsAsync).RequireAuthorization(Policies.Audit);
        group.MapGet("/rules", ListRulesAsync).RequireAuthorization(Policies.Audit);
        group.MapPost("/rules", CreateRuleAsync).RequireAuthorization(Policies.Administer);
        group.MapDelete("/rules/{id}", DeleteRuleAsync).RequireAuthorization(Policies.Administer);
        group.MapGet("/webhooks", ListWebhooksAsync).RequireAuthorization(Policies.Administer);
        group.MapPost("/webhooks", AddWebhookAsync).RequireAuthorization(Policies.Administer);
        group.MapDelete("/webhooks/{id}", DeleteWebhookAsync).RequireAuthorization(Policies.Administer);
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<AlertRecord>>> ListAlertsAsync(string? window, int? limit, HttpContext context, IAlertReader alerts, TimeProvider time, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - QueryText.ParseDuration(window, TimeSpan.FromDays(7), "window");
        return TypedResults.Ok(await alerts.ListAsync(context.GetPrincipal().TenantId, since, limit ?? 100, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<IReadOnlyList<AlertRule>>> ListRulesAsync(HttpContext context, IAlertStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListRulesAsync(context.GetPrincipal().TenantId, cancellationToken).ConfigureAwait(false));

    private static async Task<Created<AlertRule>> CreateRuleAsync(RuleBody? body, HttpContext context, IAlertStore store, IAuditLog audit, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        var rule = AlertRule.Create(
            principal.TenantId,
            body?.Name,
            QueryText.ParseEnum<AlertMetric>(body?.Metric, "metric"),
            body?.Comparison is null ? null : QueryText.ParseEnum<AlertComparison>(body.Comparison, "comparison"),
            body?.Threshold,
            body?.Window is null ? null : QueryText.ParseDuration(body.Window, TimeSpan.Zero, "window"),
            body?.Severity is null ? null : QueryText.ParseEnum<AlertSeverity>(body.Severity, "severity"),
            body?.Enabled ?? true);
        await store.SaveRuleAsync(rule, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEvent(principal.TenantId, principal.UserId, "observability.alert-rule.create", rule.Id), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/alerts/rules/{rule.Id}", rule);
    }

    private static async Task<NoContent> DeleteRuleAsync(string id, HttpContext context, IAlertStore store, IAuditLog audit, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        return await AuditedDeletion.CompleteAsync(
            await store.DeleteRuleAsync(principal.TenantId, id, cancellationToken).ConfigureAwait(false), $"no alert rule '{id}'",
            new AuditEvent(principal.TenantId, principal.UserId, "observability.alert-rule.delete", id), audit, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Ok<IReadOnlyList<Webhook>>> ListWebhooksAsync(HttpContext context, IAlertStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListWebhooksAsync(context.GetPrincipal().TenantId, cancellationToken).ConfigureAwait(false));

    private static async Task<Created<Webhook>> AddWebhookAsync(WebhookBody? body, HttpContext context, IAlertStore store, IAuditLog audit, WebhookAddressPolicy policy, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(body?.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw LodestarException.Invalid("the body needs a 'url': an absolute http or https address");
        }

        await policy.CheckAsync(body!.Url, cancellationToken).ConfigureAwait(false);

        var principal = context.GetPrincipal();
        var webhook = await store.AddWebhookAsync(principal.TenantId, url, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEvent(principal.TenantId, principal.UserId, "observability.webhook.add", webhook.Id,
            new Dictionary<string, string> { ["host"] = url.Host }), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/alerts/webhooks/{webhook.Id}", webhook);
    }

    private static async Task<NoContent> DeleteWebhookAsync(string id, HttpContext context, IAlertStore store, IAuditLog audit, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        return await AuditedDeletion.CompleteAsync(
            await store.DeleteWebhookAsync(principal.TenantId, id, cancellationToken).ConfigureAwait(false), $"no webhook '{id}'",
            new AuditEvent(principal.TenantId, principal.UserId, "observability.webhook.delete", id), audit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>E.g. <c>{"name":"slow answers","metric":"askLatencyP99Ms","threshold":2000,"window":"5m"}</c>.</summary>
    internal sealed record RuleBody(string? Name, string? Metric, string? Comparison, double? Threshold, string? Window, string? Severity, bool? Enabled);

    internal sealed record WebhookBody(string? Url);
}
