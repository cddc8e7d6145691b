using System.Globalization;
using Lodestar.Core;

namespace Lodestar.Observability.Costs;

/// <summary>
/// Enforces budgets around billable work: <see cref="CheckAsync"/> before (refuses at a hard limit, warns past a soft one),
/// <see cref="RecordAsync"/> after (rolls usage up and raises one alert when a soft limit is crossed).
/// </summary>
public sealed class BudgetGuard(IUsageStore usage, IAlertSink alerts, PriceTable prices, TimeProvider time)
{
    /// <summary>Warnings for budgets past their soft limit; throws a 429-kind error when a hard limit is reached.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(string tenantId, string? keyId, CancellationToken cancellationToken = default)
    {
        var since = Budget.PeriodStart(time.GetUtcNow());
        var warnings = new List<string>();
        foreach (var budget in await ApplicableAsync(tenantId, keyId, cancellationToken).ConfigureAwait(false))
        {
            var spent = await SpentAsync(budget, since, cancellationToken).ConfigureAwait(false);
            if (spent >= budget.HardLimit)
            {
                ObservabilityTelemetry.RecordBudgetRefusal(tenantId);
                throw new LodestarException(ErrorKind.TooManyRequests,
                    $"the {Describe(budget)} budget of {Money(budget.HardLimit)} for {since:yyyy-MM} is used up ({Money(spent)} spent); " +
                    "asking is refused until next month or until an administrator raises the budget");
            }

            if (spent >= budget.SoftLimit)
            {
                warnings.Add($"{Describe(budget)} budget {Percent(spent, budget.HardLimit)} used ({Money(spent)} of {Money(budget.HardLimit)} for {since:yyyy-MM})");
            }
        }

        return warnings;
    }

    /// <summary>Stores the usage, then raises a warning alert for every budget whose soft limit this entry crossed.</summary>
    public async Task RecordAsync(UsageEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await usage.AddAsync(entry, cancellationToken).ConfigureAwait(false);
        ObservabilityTelemetry.RecordCost(entry.TenantId, entry.Model, entry.Cost);
        if (entry.Cost <= 0)
        {
            return;
        }

        var since = Budget.PeriodStart(entry.At);
        foreach (var budget in await ApplicableAsync(entry.TenantId, entry.KeyId, cancellationToken).ConfigureAwait(false))
        {
            var after = await SpentAsync(budget, since, cancellationToken).ConfigureAwait(false);
            if (after >= budget.SoftLimit && after - entry.Cost < budget.SoftLimit)
            {
                await alerts.RaiseAsync(
                    new AlertEvent(entry.TenantId, "budget", $"budget:{budget.Scope}:{budget.Subject}:{since:yyyy-MM}".ToLowerInvariant(), AlertSeverity.Warning,
                        $"{Describe(budget)} budget {Percent(after, budget.HardLimit)} used ({Money(after)} of {Money(budget.HardLimit)} for {since:yyyy-MM})",
                        new Dictionary<string, string>
                        {
                            ["scope"] = budget.Scope.ToString().ToLowerInvariant(),
                            ["subject"] = budget.Subject,
                            ["spent"] = after.ToString(CultureInfo.InvariantCulture),
                            ["softLimit"] = budget.SoftLimit.ToString(CultureInfo.InvariantCulture),
                            ["hardLimit"] = budget.HardLimit.ToString(CultureInfo.InvariantCulture),
                        }) { OccurredAt = entry.At },
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Share of the tenant's own budget spent this month, or null when the tenant has no budget (for alert rules).</summary>
    public async Task<double?> TenantBudgetUsedAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var budget = (await usage.ListBudgetsAsync(tenantId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(b => b.Scope == BudgetScope.Tenant);
        if (budget is null)
        {
            return null;
        }

        var spent = await SpentAsync(budget, Budget.PeriodStart(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return (double)(spent / budget.HardLimit);
    }

    private async Task<List<Budget>> ApplicableAsync(string tenantId, string? keyId, CancellationToken cancellationToken) =>
        (await usage.ListBudgetsAsync(tenantId, cancellationToken).ConfigureAwait(false))
            .Where(b => b.Scope == BudgetScope.Tenant ? b.Subject == tenantId : keyId is not null && b.Subject == keyId)
            .ToList();

    private Task<decimal> SpentAsync(Budget budget, DateTimeOffset since, CancellationToken cancellationToken) =>
        usage.SumCostAsync(budget.TenantId, budget.Scope == BudgetScope.Key ? budget.Subject : null, since, cancellationToken);

    private static string Describe(Budget budget) => budget.Scope == BudgetScope.Tenant ? $"tenant '{budget.Subject}'" : $"API key '{budget.Subject}'";

    private string Money(decimal amount) => amount.ToString("0.00####", CultureInfo.InvariantCulture) + " " + prices.Currency;

    private static string Percent(decimal spent, decimal limit) => decimal.Round(spent / limit * 100m).ToString(CultureInfo.InvariantCulture) + "%";
}
