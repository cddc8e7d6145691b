using Lodestar.Observability.Requests;
using Lodestar.Storage.Sqlite.Models;
using static Lodestar.Storage.Sqlite.Observability.ObservabilityValues;

namespace Lodestar.Storage.Sqlite.Observability;

/// <summary>Request samples in SQLite: one row each, appended in batches inside one transaction.</summary>
internal sealed class SqliteRequestLog(SqliteDatabase database) : SqliteStoreBase(database, ObservabilitySchema.Module, ObservabilitySchema.Migrations), IRequestLog
{
    public async Task AppendAsync(IReadOnlyList<RequestSample> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginWrite(connection);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO obs_requests (at, tenant, method, route, status, duration_ms, weight) VALUES ($at, $tenant, $method, $route, $status, $ms, $weight)";
        var at = insert.Parameters.Add("$at", Microsoft.Data.Sqlite.SqliteType.Integer);
        var tenant = insert.Parameters.Add("$tenant", Microsoft.Data.Sqlite.SqliteType.Text);
        var method = insert.Parameters.Add("$method", Microsoft.Data.Sqlite.SqliteType.Text);
        var route = insert.Parameters.Add("$route", Microsoft.Data.Sqlite.SqliteType.Text);
        var status = insert.Parameters.Add("$status", Microsoft.Data.Sqlite.SqliteType.Integer);
        var ms = insert.Parameters.Add("$ms", Microsoft.Data.Sqlite.SqliteType.Real);
        var weight = insert.Parameters.Add("$weight", Microsoft.Data.Sqlite.SqliteType.Real);
        foreach (var sample in samples)
        {
            at.Value = Millis(sample.At);
            tenant.Value = (object?)sample.TenantId ?? DBNull.Value;
            method.Value = sample.Method;
            route.Value = sample.Route;
            status.Value = sample.Status;
            ms.Value = sample.DurationMs;
            weight.Value = sample.Weight;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, "DELETE FROM obs_requests WHERE at < $before", cancellationToken, ("$before", Millis(before))).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RequestSample>> ReadAsync(DateTimeOffset from, DateTimeOffset to, string? tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null,
            "SELECT at, tenant, method, route, status, duration_ms, weight FROM obs_requests WHERE at >= $from AND at < $to AND ($tenant IS NULL OR tenant = $tenant) ORDER BY at",
            r => new RequestSample(Time(r.GetInt64(0)), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetDouble(5), r.GetDouble(6)),
            cancellationToken, ("$from", Millis(from)), ("$to", Millis(to)), ("$tenant", tenantId)).ConfigureAwait(false);
    }
}
