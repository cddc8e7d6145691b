using Lodestar.Observability.Costs;
using static Lodestar.Storage.Postgres.PostgresValues;
using static Lodestar.Storage.Sqlite.Observability.ObservabilityValues;

namespace Lodestar.Storage.Postgres.Observability;

/// <summary>
/// Usage rollups and budgets shared by every node. Each call adds to its day's row with one upsert
/// (<c>x = x + excluded.x</c>, under the row lock), so nodes writing at once never lose an increment, and budget checks
/// on any node read the cluster-wide totals.
/// </summary>
internal sealed class PostgresUsageStore(PostgresDatabase database) : IUsageStore
{
    private static readonly PostgresModule Module = PostgresObservabilitySchema.Module;

    public Task AddAsync(UsageEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "INSERT INTO obs_usage AS u (day, tenant, user_id, key_id, kb, model, calls, input_tokens, output_tokens, embeddings, cost_nanos) " +
            "VALUES (@day, @tenant, @user, @key, @kb, @model, 1, @input, @output, @embeddings, @cost) " +
            "ON CONFLICT (tenant, day, user_id, key_id, kb, model) DO UPDATE SET calls = u.calls + 1, input_tokens = u.input_tokens + excluded.input_tokens, " +
            "output_tokens = u.output_tokens + excluded.output_tokens, embeddings = u.embeddings + excluded.embeddings, cost_nanos = u.cost_nanos + excluded.cost_nanos",
            token, ("day", Day(entry.At)), ("tenant", entry.TenantId), ("user", entry.UserId), ("key", entry.KeyId ?? string.Empty),
            ("kb", entry.KnowledgeBase), ("model", entry.Model), ("input", entry.InputTokens), ("output", entry.OutputTokens),
            ("embeddings", entry.Embeddings), ("cost", Nanos(entry.Cost))), cancellationToken);
    }

    public async Task<decimal> SumCostAsync(string tenantId, string? keyId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            "SELECT COALESCE(SUM(cost_nanos), 0)::bigint FROM obs_usage WHERE tenant = @tenant AND day >= @day AND (@key::text IS NULL OR key_id = @key)",
            r => r.GetInt64(0), token, ("tenant", tenantId), ("day", Day(since)), ("key", keyId)), cancellationToken).ConfigureAwait(false);
        return Money(rows[0]);
    }

    public async Task<IReadOnlyList<UsageTotal>> ReadTotalsAsync(string tenantId, DateTimeOffset since, UsageGrouping grouping, CancellationToken cancellationToken = default)
    {
        var column = GroupColumn(grouping);
        return await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            $"SELECT {column}, SUM(calls)::bigint, SUM(input_tokens)::bigint, SUM(output_tokens)::bigint, SUM(embeddings)::bigint, SUM(cost_nanos)::bigint FROM obs_usage " +
            $"WHERE tenant = @tenant AND day >= @day GROUP BY {column} ORDER BY SUM(cost_nanos) DESC, {column}",
            r => new UsageTotal(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), Money(r.GetInt64(5))),
            token, ("tenant", tenantId), ("day", Day(since))), cancellationToken).ConfigureAwait(false);
    }

    public Task SetBudgetAsync(Budget budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "INSERT INTO obs_budgets (tenant, scope, subject, soft_nanos, hard_nanos) VALUES (@tenant, @scope, @subject, @soft, @hard) " +
            "ON CONFLICT (tenant, scope, subject) DO UPDATE SET soft_nanos = excluded.soft_nanos, hard_nanos = excluded.hard_nanos",
            token, ("tenant", budget.TenantId), ("scope", Name(budget.Scope)), ("subject", budget.Subject),
            ("soft", Nanos(budget.SoftLimit)), ("hard", Nanos(budget.HardLimit))), cancellationToken);
    }

    public async Task<bool> DeleteBudgetAsync(string tenantId, BudgetScope scope, string subject, CancellationToken cancellationToken = default) =>
        await database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "DELETE FROM obs_budgets WHERE tenant = @tenant AND scope = @scope AND subject = @subject", token,
            ("tenant", tenantId), ("scope", Name(scope)), ("subject", subject)), cancellationToken).ConfigureAwait(false) == 1;

    public async Task<IReadOnlyList<Budget>> ListBudgetsAsync(string tenantId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            "SELECT scope, subject, soft_nanos, hard_nanos FROM obs_budgets WHERE tenant = @tenant ORDER BY scope, subject",
            r => new Budget(tenantId, Parse<BudgetScope>(r.GetString(0)), r.GetString(1), Money(r.GetInt64(2)), Money(r.GetInt64(3))),
            token, ("tenant", tenantId)), cancellationToken).ConfigureAwait(false);
}
