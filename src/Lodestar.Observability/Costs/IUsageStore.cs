namespace Lodestar.Observability.Costs;

/// <summary>Usage rolled up per day, tenant, user, key, knowledge base and model, and the budgets that limit it.</summary>
public interface IUsageStore
{
    Task AddAsync(UsageEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Cost since <paramref name="since"/> of a tenant, or of one key of it when <paramref name="keyId"/> is given.</summary>
    Task<decimal> SumCostAsync(string tenantId, string? keyId, DateTimeOffset since, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UsageTotal>> ReadTotalsAsync(string tenantId, DateTimeOffset since, UsageGrouping grouping, CancellationToken cancellationToken = default);

    Task SetBudgetAsync(Budget budget, CancellationToken cancellationToken = default);

    Task<bool> DeleteBudgetAsync(string tenantId, BudgetScope scope, string subject, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Budget>> ListBudgetsAsync(string tenantId, CancellationToken cancellationToken = default);
}
