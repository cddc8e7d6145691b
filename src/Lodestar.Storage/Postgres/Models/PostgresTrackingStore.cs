using Lodestar.Core;
using Lodestar.Models.Tracking;
using Npgsql;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Models;

/// <summary>Experiment tracking in PostgreSQL. Writes to a run lock its row first, so ending a run and logging to it never interleave.</summary>
internal sealed class PostgresTrackingStore(PostgresDatabase database) : ITrackingStore
{
    private static readonly PostgresModule Module = new("tracking",
    [
        """
        CREATE TABLE tracking_experiments (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
        CREATE TABLE tracking_runs (
            id TEXT PRIMARY KEY, experiment_id TEXT NOT NULL REFERENCES tracking_experiments(id), name TEXT NOT NULL,
            status TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT, dataset_sha256 TEXT NOT NULL, code_version TEXT NOT NULL,
            seq BIGINT GENERATED ALWAYS AS IDENTITY);
        CREATE INDEX tracking_runs_experiment ON tracking_runs(experiment_id, started_at);
        CREATE TABLE tracking_params (run_id TEXT NOT NULL REFERENCES tracking_runs(id), key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
        CREATE TABLE tracking_metrics (
            run_id TEXT NOT NULL REFERENCES tracking_runs(id), key TEXT NOT NULL, step BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL,
            timestamp TEXT NOT NULL, seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
        CREATE INDEX tracking_metrics_run ON tracking_metrics(run_id);
        CREATE TABLE tracking_tags (run_id TEXT NOT NULL REFERENCES tracking_runs(id), key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
        """,
    ]);

    public async Task<Experiment> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken = default) =>
        (await database.WriteAsync(Module, async (connection, transaction, token) =>
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO tracking_experiments (id, name, created_at) VALUES (@id, @name, @at) ON CONFLICT (name) DO NOTHING", token,
                ("id", Guid.NewGuid().ToString("N")), ("name", name), ("at", Time(DateTimeOffset.UtcNow))).ConfigureAwait(false);
            return await QueryAsync(connection, transaction, "SELECT id, name, created_at FROM tracking_experiments WHERE name = @name", ReadExperiment, token, ("name", name)).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<Experiment>> ListExperimentsAsync(CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null, "SELECT id, name, created_at FROM tracking_experiments ORDER BY name", ReadExperiment, token), cancellationToken).ConfigureAwait(false);

    public async Task StartRunAsync(string runId, string experimentId, string name, string datasetSha256, string codeVersion, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.WriteAsync(Module, (connection, transaction, token) =>
                ExecuteAsync(connection, transaction,
                    "INSERT INTO tracking_runs (id, experiment_id, name, status, started_at, dataset_sha256, code_version) VALUES (@id, @experiment, @name, @status, @at, @sha, @code)",
                    token, ("id", runId), ("experiment", experimentId), ("name", name), ("status", nameof(RunStatus.Running)), ("at", Time(startedAt)), ("sha", datasetSha256), ("code", codeVersion)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException error) when (error.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new LodestarException(ErrorKind.Conflict, $"run '{runId}' already exists or experiment '{experimentId}' does not", error);
        }
    }

    public Task LogParamsAsync(string runId, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default) =>
        WriteToRunningAsync(runId, async (connection, transaction, token) =>
        {
            foreach (var (key, value) in parameters)
            {
                await ExecuteAsync(connection, transaction, "INSERT INTO tracking_params (run_id, key, value) VALUES (@run, @key, @value) ON CONFLICT (run_id, key) DO NOTHING", token,
                    ("run", runId), ("key", key), ("value", value)).ConfigureAwait(false);
                var stored = await QueryAsync(connection, transaction, "SELECT value FROM tracking_params WHERE run_id = @run AND key = @key", r => r.GetString(0), token, ("run", runId), ("key", key)).ConfigureAwait(false);
                if (stored[0] != value)
                {
                    throw LodestarException.Conflict($"param '{key}' of run '{runId}' is already '{stored[0]}'; params are write-once");
                }
            }
        }, cancellationToken);

    public Task LogMetricsAsync(string runId, IReadOnlyList<MetricPoint> metrics, CancellationToken cancellationToken = default) =>
        WriteToRunningAsync(runId, async (connection, transaction, token) =>
        {
            foreach (var metric in metrics)
            {
                if (!double.IsFinite(metric.Value))
                {
                    throw LodestarException.Invalid($"metric '{metric.Key}' is not a finite number");
                }

                await ExecuteAsync(connection, transaction, "INSERT INTO tracking_metrics (run_id, key, step, value, timestamp) VALUES (@run, @key, @step, @value, @at)", token,
                    ("run", runId), ("key", metric.Key), ("step", metric.Step), ("value", metric.Value), ("at", Time(metric.Timestamp))).ConfigureAwait(false);
            }
        }, cancellationToken);

    public Task SetTagsAsync(string runId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) =>
        WriteToRunningAsync(runId, async (connection, transaction, token) =>
        {
            foreach (var (key, value) in tags)
            {
                await ExecuteAsync(connection, transaction, "INSERT INTO tracking_tags (run_id, key, value) VALUES (@run, @key, @value) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value", token,
                    ("run", runId), ("key", key), ("value", value)).ConfigureAwait(false);
            }
        }, cancellationToken);

    public Task EndRunAsync(string runId, RunStatus status, DateTimeOffset endedAt, CancellationToken cancellationToken = default)
    {
        if (status == RunStatus.Running)
        {
            throw LodestarException.Invalid("a run cannot end in status Running");
        }

        return WriteToRunningAsync(runId, (connection, transaction, token) =>
            ExecuteAsync(connection, transaction, "UPDATE tracking_runs SET status = @status, ended_at = @at WHERE id = @run", token,
                ("status", status.ToString()), ("at", Time(endedAt)), ("run", runId)), cancellationToken);
    }

    public Task<Run?> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(Module, async (connection, token) =>
        {
            var ids = await QueryAsync(connection, null, "SELECT id FROM tracking_runs WHERE id = @run", r => r.GetString(0), token, ("run", runId)).ConfigureAwait(false);
            return ids.Count == 0 ? null : await ReadRunAsync(connection, runId, token).ConfigureAwait(false);
        }, cancellationToken);

    public async Task<IReadOnlyList<Run>> ListRunsAsync(string experimentId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, async (connection, token) =>
        {
            var ids = await QueryAsync(connection, null, "SELECT id FROM tracking_runs WHERE experiment_id = @experiment ORDER BY started_at DESC, seq DESC", r => r.GetString(0), token, ("experiment", experimentId)).ConfigureAwait(false);
            var runs = new List<Run>(ids.Count);
            foreach (var id in ids)
            {
                runs.Add(await ReadRunAsync(connection, id, token).ConfigureAwait(false));
            }

            return runs;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs <paramref name="write"/> in a transaction after locking the run and checking it is still running.</summary>
    private Task WriteToRunningAsync(string runId, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        database.WriteAsync(Module, async (connection, transaction, token) =>
        {
            var status = await QueryAsync(connection, transaction, "SELECT status FROM tracking_runs WHERE id = @run FOR UPDATE", r => r.GetString(0), token, ("run", runId)).ConfigureAwait(false);
            if (status.Count == 0)
            {
                throw LodestarException.NotFound($"run '{runId}' not found");
            }

            if (status[0] != nameof(RunStatus.Running))
            {
                throw LodestarException.Conflict($"run '{runId}' has ended ({status[0]}) and can no longer change");
            }

            await write(connection, transaction, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private static async Task<Run> ReadRunAsync(NpgsqlConnection connection, string runId, CancellationToken cancellationToken)
    {
        var parameters = await QueryAsync(connection, null, "SELECT key, value FROM tracking_params WHERE run_id = @run ORDER BY key", r => (r.GetString(0), r.GetString(1)), cancellationToken, ("run", runId)).ConfigureAwait(false);
        var tags = await QueryAsync(connection, null, "SELECT key, value FROM tracking_tags WHERE run_id = @run ORDER BY key", r => (r.GetString(0), r.GetString(1)), cancellationToken, ("run", runId)).ConfigureAwait(false);
        var metrics = await QueryAsync(connection, null, "SELECT key, value, step, timestamp FROM tracking_metrics WHERE run_id = @run ORDER BY key, step, seq",
            r => new MetricPoint(r.GetString(0), r.GetDouble(1), r.GetInt64(2), ReadTime(r, 3)), cancellationToken, ("run", runId)).ConfigureAwait(false);
        var runs = await QueryAsync(connection, null, "SELECT id, experiment_id, name, status, started_at, ended_at, dataset_sha256, code_version FROM tracking_runs WHERE id = @run",
            r => new Run(
                r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<RunStatus>(r.GetString(3)), ReadTime(r, 4), ReadTimeOrNull(r, 5), r.GetString(6), r.GetString(7),
                parameters.ToDictionary(p => p.Item1, p => p.Item2), metrics, tags.ToDictionary(t => t.Item1, t => t.Item2)),
            cancellationToken, ("run", runId)).ConfigureAwait(false);
        return runs[0];
    }

    private static Experiment ReadExperiment(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetString(1), ReadTime(reader, 2));
}
