using System.Globalization;
using System.Text.Json;
using Lodestar.Models.Monitoring;

namespace Lodestar.Storage.Sqlite.Models;

/// <summary>Drift reports and monitors in SQLite (module <c>drift</c>); reports and monitors are stored as JSON documents.</summary>
internal sealed class SqliteDriftStore(SqliteDatabase database) : SqliteStoreBase(database, "drift", Migrations), IDriftStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE drift_reports (id TEXT PRIMARY KEY, model TEXT NOT NULL, created_at TEXT NOT NULL, document TEXT NOT NULL);
        CREATE INDEX drift_reports_model ON drift_reports(model, created_at);
        CREATE TABLE drift_monitors (model TEXT PRIMARY KEY, document TEXT NOT NULL);
        """,
    ];

    public async Task SaveReportAsync(StoredDriftReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "INSERT INTO drift_reports (id, model, created_at, document) VALUES ($id, $model, $at, $doc)", cancellationToken,
            ("$id", report.Id), ("$model", report.Model), ("$at", report.CreatedAt.ToString("O", CultureInfo.InvariantCulture)), ("$doc", JsonSerializer.Serialize(report, Json))).ConfigureAwait(false);
    }

    public async Task<StoredDriftReport?> GetReportAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null, "SELECT document FROM drift_reports WHERE id = $id", r => Read<StoredDriftReport>(r.GetString(0)), cancellationToken, ("$id", id)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<StoredDriftReport>> ListReportsAsync(string model, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, "SELECT document FROM drift_reports WHERE model = $model ORDER BY created_at DESC, rowid DESC LIMIT $limit",
            r => Read<StoredDriftReport>(r.GetString(0)), cancellationToken, ("$model", model), ("$limit", limit)).ConfigureAwait(false);
    }

    public async Task SetMonitorAsync(DriftMonitor monitor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "INSERT INTO drift_monitors (model, document) VALUES ($model, $doc) ON CONFLICT(model) DO UPDATE SET document = excluded.document", cancellationToken,
            ("$model", monitor.Model), ("$doc", JsonSerializer.Serialize(monitor, Json))).ConfigureAwait(false);
    }

    public async Task<DriftMonitor?> GetMonitorAsync(string model, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null, "SELECT document FROM drift_monitors WHERE model = $model", r => Read<DriftMonitor>(r.GetString(0)), cancellationToken, ("$model", model)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<DriftMonitor>> ListMonitorsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, "SELECT document FROM drift_monitors ORDER BY model", r => Read<DriftMonitor>(r.GetString(0)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> MarkRunAsync(string model, DateTimeOffset? previousRunAt, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginWrite(connection);
        var rows = await QueryAsync(connection, transaction, "SELECT document FROM drift_monitors WHERE model = $model", r => Read<DriftMonitor>(r.GetString(0)), cancellationToken, ("$model", model)).ConfigureAwait(false);
        if (rows.Count == 0 || rows[0].LastRunAt != previousRunAt)
        {
            return false;
        }

        await ExecuteAsync(connection, transaction, "UPDATE drift_monitors SET document = $doc WHERE model = $model", cancellationToken,
            ("$model", model), ("$doc", JsonSerializer.Serialize(rows[0] with { LastRunAt = at }, Json))).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)!;
}
