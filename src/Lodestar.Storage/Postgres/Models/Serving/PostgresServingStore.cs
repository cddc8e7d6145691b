using System.Text.Json;
using System.Text.Json.Serialization;
using Lodestar.Core;
using Lodestar.Models.Scoring;
using Lodestar.Models.Serving;
using Npgsql;
using NpgsqlTypes;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Models.Serving;

/// <summary>
/// Endpoints, the prediction log and scoring jobs in PostgreSQL, shared by every node. A deployment saved on one node
/// (or an automatic rollback decided there) bumps its row version; other nodes compare it at most once per
/// <see cref="ServingOptions.RefreshInterval"/> and reload, so the predict path never waits on the database per request.
/// </summary>
internal sealed class PostgresServingStore(PostgresDatabase database) : IEndpointStore, IPredictionLogStore, IScoringJobStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly PostgresModule Module = new("serving",
    [
        """
        CREATE TABLE serving_endpoints (
            tenant TEXT NOT NULL, name TEXT NOT NULL, deployment TEXT NOT NULL, updated_at TEXT NOT NULL, row_version BIGINT NOT NULL,
            PRIMARY KEY (tenant, name));
        CREATE TABLE serving_predictions (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant TEXT NOT NULL, endpoint TEXT NOT NULL, model TEXT NOT NULL,
            version INTEGER NOT NULL, at TEXT NOT NULL, inputs TEXT NOT NULL, prediction DOUBLE PRECISION NOT NULL);
        CREATE INDEX serving_predictions_by_endpoint ON serving_predictions (tenant, endpoint, id);
        CREATE TABLE scoring_jobs (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, job TEXT NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE INDEX scoring_jobs_by_tenant ON scoring_jobs (tenant, updated_at);
        """,
    ]);

    public async Task<EndpointDeployment?> GetAsync(string tenantId, string name, CancellationToken cancellationToken = default) =>
        (await ReadAsync("SELECT deployment, row_version FROM serving_endpoints WHERE tenant = @tenant AND name = @name", ReadDeployment, cancellationToken,
            ("tenant", tenantId), ("name", name)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<EndpointDeployment>> ListAsync(string tenantId, CancellationToken cancellationToken = default) =>
        await ReadAsync("SELECT deployment, row_version FROM serving_endpoints WHERE tenant = @tenant ORDER BY name COLLATE \"C\"", ReadDeployment, cancellationToken,
            ("tenant", tenantId)).ConfigureAwait(false);

    public async Task<long> GetRowVersionAsync(string tenantId, string name, CancellationToken cancellationToken = default) =>
        (await ReadAsync("SELECT row_version FROM serving_endpoints WHERE tenant = @tenant AND name = @name", r => r.GetInt64(0), cancellationToken,
            ("tenant", tenantId), ("name", name)).ConfigureAwait(false)).FirstOrDefault();

    public Task<EndpointDeployment> SaveAsync(EndpointDeployment deployment, long expectedRowVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var saved = deployment with { RowVersion = expectedRowVersion + 1 };
        (string, object?)[] parameters =
        [
            ("tenant", saved.TenantId), ("name", saved.Name), ("deployment", JsonSerializer.Serialize(saved, Json)), ("at", Time(saved.UpdatedAt)),
            ("row", saved.RowVersion), ("expected", expectedRowVersion),
        ];
        return database.WriteAsync(Module, async (connection, transaction, token) =>
        {
            // The conditional write is the check: of two nodes saving over the same row version, the second finds nothing to change.
            var written = expectedRowVersion == 0
                ? await ExecuteAsync(connection, transaction,
                    "INSERT INTO serving_endpoints (tenant, name, deployment, updated_at, row_version) VALUES (@tenant, @name, @deployment, @at, @row) ON CONFLICT (tenant, name) DO NOTHING",
                    token, parameters).ConfigureAwait(false)
                : await ExecuteAsync(connection, transaction,
                    "UPDATE serving_endpoints SET deployment = @deployment, updated_at = @at, row_version = @row WHERE tenant = @tenant AND name = @name AND row_version = @expected",
                    token, parameters).ConfigureAwait(false);
            return written == 1 ? saved : throw LodestarException.Conflict($"endpoint '{deployment.Name}' changed while this change was prepared; retry");
        }, cancellationToken);
    }

    public async Task AppendAsync(IReadOnlyList<LoggedPrediction> predictions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count == 0)
        {
            return;
        }

        await database.WriteAsync(Module, async (connection, _, token) =>
        {
            // Binary COPY: one round trip for the whole batch the logger flushes.
            await using var import = await connection.BeginBinaryImportAsync(
                "COPY serving_predictions (tenant, endpoint, model, version, at, inputs, prediction) FROM STDIN (FORMAT BINARY)", token).ConfigureAwait(false);
            foreach (var p in predictions)
            {
                await import.StartRowAsync(token).ConfigureAwait(false);
                await import.WriteAsync(p.TenantId, NpgsqlDbType.Text, token).ConfigureAwait(false);
                await import.WriteAsync(p.Endpoint, NpgsqlDbType.Text, token).ConfigureAwait(false);
                await import.WriteAsync(p.Model, NpgsqlDbType.Text, token).ConfigureAwait(false);
                await import.WriteAsync(p.Version, NpgsqlDbType.Integer, token).ConfigureAwait(false);
                await import.WriteAsync(Time(p.At.ToUniversalTime()), NpgsqlDbType.Text, token).ConfigureAwait(false);
                await import.WriteAsync(JsonSerializer.Serialize(p.Inputs, Json), NpgsqlDbType.Text, token).ConfigureAwait(false);
                await import.WriteAsync(p.Prediction, NpgsqlDbType.Double, token).ConfigureAwait(false);
            }

            return await import.CompleteAsync(token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LoggedPrediction>> ReadAsync(PredictionLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit < 1)
        {
            throw LodestarException.Invalid("limit must be at least 1");
        }

        // UTC ISO 8601 text orders like the instants it names, so the range filter works on the text column.
        var rows = await ReadAsync(
            """
            SELECT tenant, endpoint, model, version, at, inputs, prediction FROM serving_predictions
            WHERE tenant = @tenant AND endpoint = @endpoint AND (@model::text IS NULL OR model = @model) AND (@version::integer IS NULL OR version = @version)
              AND (@since::text IS NULL OR at >= @since) AND (@until::text IS NULL OR at < @until)
            ORDER BY id DESC LIMIT @limit
            """,
            r => new LoggedPrediction(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), ReadTime(r, 4),
                JsonSerializer.Deserialize<Dictionary<string, string?>>(r.GetString(5), Json)!, r.GetDouble(6)),
            cancellationToken,
            ("tenant", query.TenantId), ("endpoint", query.Endpoint), ("model", query.Model), ("version", query.Version),
            ("since", query.Since is { } since ? Time(since.ToUniversalTime()) : null), ("until", query.Until is { } until ? Time(until.ToUniversalTime()) : null),
            ("limit", query.Limit)).ConfigureAwait(false);
        rows.Reverse();
        return rows;
    }

    public async Task<ScoringJob?> GetJobAsync(string id, CancellationToken cancellationToken = default) =>
        (await ReadAsync("SELECT job FROM scoring_jobs WHERE id = @id", ReadJob, cancellationToken, ("id", id)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<ScoringJob>> ListJobsAsync(string tenantId, CancellationToken cancellationToken = default) =>
        await ReadAsync("SELECT job FROM scoring_jobs WHERE tenant = @tenant ORDER BY updated_at DESC, id", ReadJob, cancellationToken, ("tenant", tenantId)).ConfigureAwait(false);

    public Task SaveJobAsync(ScoringJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            """
            INSERT INTO scoring_jobs (id, tenant, job, status, updated_at) VALUES (@id, @tenant, @job, @status, @at)
            ON CONFLICT (id) DO UPDATE SET job = excluded.job, status = excluded.status, updated_at = excluded.updated_at
            """, token,
            ("id", job.Id), ("tenant", job.TenantId), ("job", JsonSerializer.Serialize(job, Json)), ("status", job.Status.ToString()), ("at", Time(job.UpdatedAt.ToUniversalTime()))),
            cancellationToken);
    }

    private Task<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null, sql, read, token, parameters), cancellationToken);

    private static EndpointDeployment ReadDeployment(NpgsqlDataReader reader) =>
        JsonSerializer.Deserialize<EndpointDeployment>(reader.GetString(0), Json)! with { RowVersion = reader.GetInt64(1) };

    private static ScoringJob ReadJob(NpgsqlDataReader reader) => JsonSerializer.Deserialize<ScoringJob>(reader.GetString(0), Json)!;
}
