using System.Globalization;
using Lodestar.Core;
using Lodestar.Observability.Costs;
using Lodestar.Server.Observability;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>Usage, prices and budgets of the caller's tenant: admins and auditors read, admins set budgets.</summary>
internal static class ObservabilityCostEndpoints
{
    public static IEndpointRouteBuilder MapCostEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1").WithTags("Observability");
        group.MapGet("/usage", ReadUsageAsync).RequireAuthorization(Policies.Audit);
        group.MapGet("/prices", (PriceTable prices) => TypedResults.Ok(new PricesResponse(prices.Currency, prices.Models))).RequireAuthorization(Policies.Audit);
        group.MapGet("/budgets", ListBudgetsAsync).RequireAuthorization(Policies.Audit);
        group.MapPut("/budgets", SetBudgetAsync).RequireAuthorization(Policies.Administer);
        group.MapDelete("/budgets/{scope}/{subject}", DeleteBudgetAsync).RequireAuthorization(Policies.Administer);
        return endpoints;
    }

    private static async Task<Ok<UsageResponse>> ReadUsageAsync(string? by, string? window, HttpContext context, IUsageStore usage, TimeProvider time, CancellationToken cancellationToken)
    {
        var grouping = string.Equals(by, "kb", StringComparison.OrdinalIgnoreCase) ? UsageGrouping.KnowledgeBase : QueryText.ParseEnum<UsageGrouping>(by ?? "day", "by");
        var since = time.GetUtcNow() - QueryText.ParseDuration(window, TimeSpan.FromDays(30), "window");
        var totals = await usage.ReadTotalsAsync(context.GetPrincipal().TenantId, since, grouping, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new UsageResponse(since, grouping.ToString(), totals));
    }

    private static async Task<Ok<IReadOnlyList<Budget>>> ListBudgetsAsync(HttpContext context, IUsageStore usage, CancellationToken cancellationToken) =>
        TypedResults.Ok(await usage.ListBudgetsAsync(context.GetPrincipal().TenantId, cancellationToken).ConfigureAwait(false));

    /// <summary>A tenant budget's subject is always the caller's own tenant: an admin cannot budget (or read) another tenant.</summary>
    private static async Task<Ok<Budget>> SetBudgetAsync(BudgetBody? body, HttpContext context, IUsageStore usage, IAuditLog audit, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        var scope = QueryText.ParseEnum<BudgetScope>(body?.Scope ?? "tenant", "scope");
        var subject = scope == BudgetScope.Tenant ? principal.TenantId : body?.Subject ?? string.Empty;
        var budget = Budget.Create(principal.TenantId, scope, subject, body?.SoftLimit, body?.HardLimit);
        await usage.SetBudgetAsync(budget, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEvent(principal.TenantId, principal.UserId, "observability.budget.set", $"{scope}:{subject}".ToLowerInvariant(), new Dictionary<string, string>
        {
            ["softLimit"] = budget.SoftLimit.ToString(CultureInfo.InvariantCulture),
            ["hardLimit"] = budget.HardLimit.ToString(CultureInfo.InvariantCulture),
        }), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(budget);
    }

    private static async Task<NoContent> DeleteBudgetAsync(string scope, string subject, HttpContext context, IUsageStore usage, IAuditLog audit, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        var parsed = QueryText.ParseEnum<BudgetScope>(scope, "scope");
        return await AuditedDeletion.CompleteAsync(
            await usage.DeleteBudgetAsync(principal.TenantId, parsed, subject, cancellationToken).ConfigureAwait(false), $"no {scope} budget for '{subject}'",
            new AuditEvent(principal.TenantId, principal.UserId, "observability.budget.delete", $"{parsed}:{subject}".ToLowerInvariant()), audit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>scope</c>: tenant (default) or key; <c>subject</c>: the key id for a key budget; limits per calendar month.</summary>
    internal sealed record BudgetBody(string? Scope, string? Subject, decimal? SoftLimit, decimal? HardLimit);

    internal sealed record UsageResponse(DateTimeOffset Since, string By, IReadOnlyList<UsageTotal> Totals);

    internal sealed record PricesResponse(string Currency, IReadOnlyDictionary<string, ModelPrice> Models);
}
