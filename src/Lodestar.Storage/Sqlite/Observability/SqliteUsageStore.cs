using Lodestar.Observability.Costs;
using Lodestar.Storage.Sqlite.Models;
using static Lodestar.Storage.Sqlite.Observability.ObservabilityValues;

namespace Lodestar.Storage.Sqlite.Observability;

/// <summary>Usage rolled up per UTC day, tenant, user, key, knowledge base and model (one upserted row each), and budgets.</summary>
internal sealed class SqliteUsageStore(SqliteDatabase database) : SqliteStoreBase(database, ObservabilitySchema.Module, ObservabilitySchema.Migrations), IUsageStore
{
    public async Task AddAsync(UsageEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            "INSERT INTO obs_usage (day, tenant, user_id, key_id, kb, model, calls, input_tokens, output_tokens, embeddings, cost_nanos) " +
            "VALUES ($day, $tenant, $user, $key, $kb, $model, 1, $input, $output, $embeddings, $cost) " +
            "ON CONFLICT(tenant, day, user_id, key_id, kb, model) DO UPDATE SET calls = calls + 1, input_tokens = input_tokens + excluded.input_tokens, " +
            "output_tokens = output_tokens + excluded.output_tokens, embeddings = embeddings + excluded.embeddings, cost_nanos = cost_nanos + excluded.cost_nanos",
            cancellationToken, ("$day", Day(entry.At)), ("$tenant", entry.TenantId), ("$user", entry.UserId), ("$key", entry.KeyId ?? string.Empty),
            ("$kb", entry.KnowledgeBase), ("$model", entry.Model), ("$input", entry.InputTokens), ("$output", entry.OutputTokens),
            ("$embeddings", entry.Embeddings), ("$cost", Nanos(entry.Cost))).ConfigureAwait(false);
    }

    public async Task<decimal> SumCostAsync(string tenantId, string? keyId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null,
            "SELECT COALESCE(SUM(cost_nanos), 0) FROM obs_usage WHERE tenant = $tenant AND day >= $day AND ($key IS NULL OR key_id = $key)",
            r => r.GetInt64(0), cancellationToken, ("$tenant", tenantId), ("$day", Day(since)), ("$key", keyId)).ConfigureAwait(false);
        return Money(rows[0]);
    }

    public async Task<IReadOnlyList<UsageTotal>> ReadTotalsAsync(string tenantId, DateTimeOffset since, UsageGrouping grouping, CancellationToken cancellationToken = default)
    {
        var column = GroupColumn(grouping);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null,
            $"SELECT {column}, SUM(calls), SUM(input_tokens), SUM(output_tokens), SUM(embeddings), SUM(cost_nanos) FROM obs_usage " +
            $"WHERE tenant = $tenant AND day >= $day GROUP BY {column} ORDER BY SUM(cost_nanos) DESC, {column}",
            r => new UsageTotal(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), Money(r.GetInt64(5))),
            cancellationToken, ("$tenant", tenantId), ("$day", Day(since))).ConfigureAwait(false);
    }

    public async Task SetBudgetAsync(Budget budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(budget);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            "INSERT INTO obs_budgets (tenant, scope, subject, soft_nanos, hard_nanos) VALUES ($tenant, $scope, $subject, $soft, $hard) " +
            "ON CONFLICT(tenant, scope, subject) DO UPDATE SET soft_nanos = excluded.soft_nanos, hard_nanos = excluded.hard_nanos",
            cancellationToken, ("$tenant", budget.TenantId), ("$scope", Name(budget.Scope)), ("$subject", budget.Subject),
            ("$soft", Nanos(budget.SoftLimit)), ("$hard", Nanos(budget.HardLimit))).ConfigureAwait(false);
    }

    public async Task<bool> DeleteBudgetAsync(string tenantId, BudgetScope scope, string subject, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, "DELETE FROM obs_budgets WHERE tenant = $tenant AND scope = $scope AND subject = $subject", cancellationToken,
            ("$tenant", tenantId), ("$scope", Name(scope)), ("$subject", subject)).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<Budget>> ListBudgetsAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, "SELECT scope, subject, soft_nanos, hard_nanos FROM obs_budgets WHERE tenant = $tenant ORDER BY scope, subject",
            r => new Budget(tenantId, Parse<BudgetScope>(r.GetString(0)), r.GetString(1), Money(r.GetInt64(2)), Money(r.GetInt64(3))),
            cancellationToken, ("$tenant", tenantId)).ConfigureAwait(false);
    }
}
