using System.Text.Json;
using Lodestar.Models.Monitoring;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Monitoring;

/// <summary>
/// Drift reports and monitors shared by every node, as JSON documents like the SQLite store. Every node runs the drift
/// scheduler, so claiming a due run is a compare-and-set on the monitor's last run under its row lock.
/// </summary>
internal sealed class PostgresDriftStore(PostgresDatabase database) : IDriftStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly PostgresModule Module = new("drift",
    [
        """
        CREATE TABLE drift_reports (seq BIGINT GENERATED ALWAYS AS IDENTITY, id TEXT PRIMARY KEY, model TEXT NOT NULL, created_at TEXT NOT NULL, document TEXT NOT NULL);
        CREATE INDEX drift_reports_model ON drift_reports (model, created_at);
        CREATE TABLE drift_monitors (model TEXT PRIMARY KEY, document TEXT NOT NULL);
        """,
    ]);

    public Task SaveReportAsync(StoredDriftReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "INSERT INTO drift_reports (id, model, created_at, document) VALUES (@id, @model, @at, @doc)", token,
            ("id", report.Id), ("model", report.Model), ("at", Time(report.CreatedAt)), ("doc", JsonSerializer.Serialize(report, Json))), cancellationToken);
    }

    public async Task<StoredDriftReport?> GetReportAsync(string id, CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            "SELECT document FROM drift_reports WHERE id = @id", r => Read<StoredDriftReport>(r.GetString(0)), token, ("id", id)), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<StoredDriftReport>> ListReportsAsync(string model, int limit, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            "SELECT document FROM drift_reports WHERE model = @model ORDER BY created_at DESC, seq DESC LIMIT @limit",
            r => Read<StoredDriftReport>(r.GetString(0)), token, ("model", model), ("limit", limit)), cancellationToken).ConfigureAwait(false);

    public Task SetMonitorAsync(DriftMonitor monitor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        return database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "INSERT INTO drift_monitors (model, document) VALUES (@model, @doc) ON CONFLICT (model) DO UPDATE SET document = excluded.document", token,
            ("model", monitor.Model), ("doc", JsonSerializer.Serialize(monitor, Json))), cancellationToken);
    }

    public async Task<DriftMonitor?> GetMonitorAsync(string model, CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            "SELECT document FROM drift_monitors WHERE model = @model", r => Read<DriftMonitor>(r.GetString(0)), token, ("model", model)), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<DriftMonitor>> ListMonitorsAsync(CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            "SELECT document FROM drift_monitors ORDER BY model", r => Read<DriftMonitor>(r.GetString(0)), token), cancellationToken).ConfigureAwait(false);

    public Task<bool> MarkRunAsync(string model, DateTimeOffset? previousRunAt, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(Module, async (connection, transaction, token) =>
        {
            // The row lock makes a second node wait here and then see the first node's run, so it declines.
            var rows = await QueryAsync(connection, transaction, "SELECT document FROM drift_monitors WHERE model = @model FOR UPDATE",
                r => Read<DriftMonitor>(r.GetString(0)), token, ("model", model)).ConfigureAwait(false);
            if (rows.Count == 0 || rows[0].LastRunAt != previousRunAt)
            {
                return false;
            }

            await ExecuteAsync(connection, transaction, "UPDATE drift_monitors SET document = @doc WHERE model = @model", token,
                ("model", model), ("doc", JsonSerializer.Serialize(rows[0] with { LastRunAt = at }, Json))).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)!;
}
