using Lodestar.Observability.Requests;
using static Lodestar.Storage.Postgres.PostgresValues;
using static Lodestar.Storage.Sqlite.Observability.ObservabilityValues;

namespace Lodestar.Storage.Postgres.Observability;

/// <summary>Request samples of every node in one table, so error rates and latencies cover the whole cluster; a batch is one <c>unnest</c> insert.</summary>
internal sealed class PostgresRequestLog(PostgresDatabase database) : IRequestLog
{
    private static readonly PostgresModule Module = PostgresObservabilitySchema.Module;

    public Task AppendAsync(IReadOnlyList<RequestSample> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return Task.CompletedTask;
        }

        var at = new long[samples.Count];
        var tenant = new string?[samples.Count];
        var method = new string[samples.Count];
        var route = new string[samples.Count];
        var status = new int[samples.Count];
        var ms = new double[samples.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            (at[i], tenant[i], method[i], route[i], status[i], ms[i]) = (Millis(samples[i].At), samples[i].TenantId, samples[i].Method, samples[i].Route, samples[i].Status, samples[i].DurationMs);
        }

        return database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "INSERT INTO obs_requests (at, tenant, method, route, status, duration_ms) SELECT * FROM unnest(@at::bigint[], @tenant::text[], @method::text[], @route::text[], @status::integer[], @ms::double precision[])",
            token, ("at", at), ("tenant", tenant), ("method", method), ("route", route), ("status", status), ("ms", ms)), cancellationToken);
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        await database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "DELETE FROM obs_requests WHERE at < @before", token, ("before", Millis(before))), cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<RequestSample>> ReadAsync(DateTimeOffset from, DateTimeOffset to, string? tenantId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            "SELECT at, tenant, method, route, status, duration_ms FROM obs_requests WHERE at >= @from AND at < @to AND (@tenant::text IS NULL OR tenant = @tenant) ORDER BY at",
            r => new RequestSample(Time(r.GetInt64(0)), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetDouble(5)),
            token, ("from", Millis(from)), ("to", Millis(to)), ("tenant", tenantId)), cancellationToken).ConfigureAwait(false);
}
