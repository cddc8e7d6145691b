using System.Globalization;
using Lodestar.Core;
using Lodestar.Models.Tracking;
using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Sqlite.Models;

/// <summary>Experiment tracking in SQLite: experiments, runs, and their params, metrics (one row per step) and tags.</summary>
internal sealed class SqliteTrackingStore(SqliteDatabase database) : SqliteStoreBase(database, "tracking", Migrations), ITrackingStore
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE tracking_experiments (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
        CREATE TABLE tracking_runs (
            id TEXT PRIMARY KEY, experiment_id TEXT NOT NULL REFERENCES tracking_experiments(id), name TEXT NOT NULL,
            status TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT, dataset_sha256 TEXT NOT NULL, code_version TEXT NOT NULL);
        CREATE INDEX tracking_runs_experiment ON tracking_runs(experiment_id, started_at);
        CREATE TABLE tracking_params (run_id TEXT NOT NULL REFERENCES tracking_runs(id), key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
        CREATE TABLE tracking_metrics (
            run_id TEXT NOT NULL REFERENCES tracking_runs(id), key TEXT NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL,
            timestamp TEXT NOT NULL, seq INTEGER PRIMARY KEY AUTOINCREMENT);
        CREATE INDEX tracking_metrics_run ON tracking_metrics(run_id);
        CREATE TABLE tracking_tags (run_id TEXT NOT NULL REFERENCES tracking_runs(id), key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
        """,
    ];

    public async Task<Experiment> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "INSERT INTO tracking_experiments (id, name, created_at) VALUES ($id, $name, $at) ON CONFLICT(name) DO NOTHING", cancellationToken,
            ("$id", Guid.NewGuid().ToString("N")), ("$name", name), ("$at", Now())).ConfigureAwait(false);
        var found = await QueryAsync(connection, null, "SELECT id, name, created_at FROM tracking_experiments WHERE name = $name", ReadExperiment, cancellationToken, ("$name", name)).ConfigureAwait(false);
        return found[0];
    }

    public async Task<IReadOnlyList<Experiment>> ListExperimentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, "SELECT id, name, created_at FROM tracking_experiments ORDER BY name", ReadExperiment, cancellationToken).ConfigureAwait(false);
    }

    public async Task StartRunAsync(string runId, string experimentId, string name, string datasetSha256, string codeVersion, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null,
                "INSERT INTO tracking_runs (id, experiment_id, name, status, started_at, dataset_sha256, code_version) VALUES ($id, $experiment, $name, $status, $at, $sha, $code)",
                cancellationToken, ("$id", runId), ("$experiment", experimentId), ("$name", name), ("$status", RunStatus.Running.ToString()),
                ("$at", startedAt.ToString("O", CultureInfo.InvariantCulture)), ("$sha", datasetSha256), ("$code", codeVersion)).ConfigureAwait(false);
        }
        catch (SqliteException error) when (error.SqliteErrorCode == 19)
        {
            throw new LodestarException(ErrorKind.Conflict, $"run '{runId}' already exists or experiment '{experimentId}' does not", error);
        }
    }

    public Task LogParamsAsync(string runId, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default) =>
        WriteToRunningAsync(runId, async (connection, transaction) =>
        {
            foreach (var (key, value) in parameters)
            {
                var existing = await QueryAsync(connection, transaction, "SELECT value FROM tracking_params WHERE run_id = $run AND key = $key", r => r.GetString(0), cancellationToken, ("$run", runId), ("$key", key)).ConfigureAwait(false);
                if (existing.Count > 0 && existing[0] != value)
                {
                    throw LodestarException.Conflict($"param '{key}' of run '{runId}' is already '{existing[0]}'; params are write-once");
                }

                await ExecuteAsync(connection, transaction, "INSERT OR IGNORE INTO tracking_params (run_id, key, value) VALUES ($run, $key, $value)", cancellationToken,
                    ("$run", runId), ("$key", key), ("$value", value)).ConfigureAwait(false);
            }
        }, cancellationToken);

    public Task LogMetricsAsync(string runId, IReadOnlyList<MetricPoint> metrics, CancellationToken cancellationToken = default) =>
        WriteToRunningAsync(runId, async (connection, transaction) =>
        {
            foreach (var metric in metrics)
            {
                if (!double.IsFinite(metric.Value))
                {
                    throw LodestarException.Invalid($"metric '{metric.Key}' is not a finite number");
                }

                await ExecuteAsync(connection, transaction, "INSERT INTO tracking_metrics (run_id, key, step, value, timestamp) VALUES ($run, $key, $step, $value, $at)", cancellationToken,
                    ("$run", runId), ("$key", metric.Key), ("$step", metric.Step), ("$value", metric.Value), ("$at", metric.Timestamp.ToString("O", CultureInfo.InvariantCulture))).ConfigureAwait(false);
            }
        }, cancellationToken);

    public Task SetTagsAsync(string runId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) =>
        WriteToRunningAsync(runId, async (connection, transaction) =>
        {
            foreach (var (key, value) in tags)
            {
                await ExecuteAsync(connection, transaction, "INSERT INTO tracking_tags (run_id, key, value) VALUES ($run, $key, $value) ON CONFLICT(run_id, key) DO UPDATE SET value = excluded.value", cancellationToken,
                    ("$run", runId), ("$key", key), ("$value", value)).ConfigureAwait(false);
            }
        }, cancellationToken);

    public Task EndRunAsync(string runId, RunStatus status, DateTimeOffset endedAt, CancellationToken cancellationToken = default)
    {
        if (status == RunStatus.Running)
        {
            throw LodestarException.Invalid("a run cannot end in status Running");
        }

        return WriteToRunningAsync(runId, (connection, transaction) =>
            ExecuteAsync(connection, transaction, "UPDATE tracking_runs SET status = $status, ended_at = $at WHERE id = $run", cancellationToken,
                ("$status", status.ToString()), ("$at", endedAt.ToString("O", CultureInfo.InvariantCulture)), ("$run", runId)), cancellationToken);
    }

    public async Task<Run?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var ids = await QueryAsync(connection, null, "SELECT id FROM tracking_runs WHERE id = $run", r => r.GetString(0), cancellationToken, ("$run", runId)).ConfigureAwait(false);
        return ids.Count == 0 ? null : await ReadRunAsync(connection, runId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Run>> ListRunsAsync(string experimentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var ids = await QueryAsync(connection, null, "SELECT id FROM tracking_runs WHERE experiment_id = $experiment ORDER BY started_at DESC, rowid DESC", r => r.GetString(0), cancellationToken, ("$experiment", experimentId)).ConfigureAwait(false);
        var runs = new List<Run>(ids.Count);
        foreach (var id in ids)
        {
            runs.Add(await ReadRunAsync(connection, id, cancellationToken).ConfigureAwait(false));
        }

        return runs;
    }

    /// <summary>Runs <paramref name="write"/> in a transaction after checking the run exists and is still running.</summary>
    private async Task WriteToRunningAsync(string runId, Func<SqliteConnection, SqliteTransaction, Task> write, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginWrite(connection);
        var status = await QueryAsync(connection, transaction, "SELECT status FROM tracking_runs WHERE id = $run", r => r.GetString(0), cancellationToken, ("$run", runId)).ConfigureAwait(false);
        if (status.Count == 0)
        {
            throw LodestarException.NotFound($"run '{runId}' not found");
        }

        if (status[0] != nameof(RunStatus.Running))
        {
            throw LodestarException.Conflict($"run '{runId}' has ended ({status[0]}) and can no longer change");
        }

        await write(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Run> ReadRunAsync(SqliteConnection connection, string runId, CancellationToken cancellationToken)
    {
        var parameters = await QueryAsync(connection, null, "SELECT key, value FROM tracking_params WHERE run_id = $run ORDER BY key", r => (r.GetString(0), r.GetString(1)), cancellationToken, ("$run", runId)).ConfigureAwait(false);
        var tags = await QueryAsync(connection, null, "SELECT key, value FROM tracking_tags WHERE run_id = $run ORDER BY key", r => (r.GetString(0), r.GetString(1)), cancellationToken, ("$run", runId)).ConfigureAwait(false);
        var metrics = await QueryAsync(connection, null, "SELECT key, value, step, timestamp FROM tracking_metrics WHERE run_id = $run ORDER BY key, step, seq",
            r => new MetricPoint(r.GetString(0), r.GetDouble(1), r.GetInt64(2), ParseTime(r.GetString(3))), cancellationToken, ("$run", runId)).ConfigureAwait(false);
        var runs = await QueryAsync(connection, null, "SELECT id, experiment_id, name, status, started_at, ended_at, dataset_sha256, code_version FROM tracking_runs WHERE id = $run",
            r => new Run(
                r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<RunStatus>(r.GetString(3)), ParseTime(r.GetString(4)),
                r.IsDBNull(5) ? null : ParseTime(r.GetString(5)), r.GetString(6), r.GetString(7),
                parameters.ToDictionary(p => p.Item1, p => p.Item2), metrics, tags.ToDictionary(t => t.Item1, t => t.Item2)),
            cancellationToken, ("$run", runId)).ConfigureAwait(false);
        return runs[0];
    }

    private static Experiment ReadExperiment(SqliteDataReader reader) => new(reader.GetString(0), reader.GetString(1), ParseTime(reader.GetString(2)));
}
