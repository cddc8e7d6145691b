using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lodestar.Core;
using Lodestar.Models.Scoring;
using Lodestar.Models.Serving;
using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Sqlite.Models;

/// <summary>Endpoints, the prediction log and scoring jobs in SQLite (one "serving" migration module, one store).</summary>
internal sealed class SqliteServingStore(SqliteDatabase database)
    : SqliteStoreBase(database, ServingSchema.Module, ServingSchema.Migrations), IEndpointStore, IPredictionLogStore, IScoringJobStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<EndpointDeployment?> GetAsync(string tenantId, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null, "SELECT deployment, row_version FROM serving_endpoints WHERE tenant = $tenant AND name = $name", ReadDeployment, cancellationToken,
            ("$tenant", tenantId), ("$name", name)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<EndpointDeployment>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, "SELECT deployment, row_version FROM serving_endpoints WHERE tenant = $tenant ORDER BY name", ReadDeployment, cancellationToken,
            ("$tenant", tenantId)).ConfigureAwait(false);
    }

    public async Task<long> GetRowVersionAsync(string tenantId, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null, "SELECT row_version FROM serving_endpoints WHERE tenant = $tenant AND name = $name", r => r.GetInt64(0), cancellationToken,
            ("$tenant", tenantId), ("$name", name)).ConfigureAwait(false);
        return rows.Count == 0 ? 0 : rows[0];
    }

    public async Task<EndpointDeployment> SaveAsync(EndpointDeployment deployment, long expectedRowVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginWrite(connection);
        var current = await QueryAsync(connection, transaction, "SELECT row_version FROM serving_endpoints WHERE tenant = $tenant AND name = $name", r => r.GetInt64(0), cancellationToken,
            ("$tenant", deployment.TenantId), ("$name", deployment.Name)).ConfigureAwait(false);
        var found = current.Count == 0 ? 0 : current[0];
        if (found != expectedRowVersion)
        {
            throw LodestarException.Conflict($"endpoint '{deployment.Name}' changed while this change was prepared; retry");
        }

        var saved = deployment with { RowVersion = found + 1 };
        await ExecuteAsync(connection, transaction,
            """
            INSERT INTO serving_endpoints (tenant, name, deployment, updated_at, row_version) VALUES ($tenant, $name, $deployment, $at, $row)
            ON CONFLICT(tenant, name) DO UPDATE SET deployment = excluded.deployment, updated_at = excluded.updated_at, row_version = excluded.row_version
            """, cancellationToken,
            ("$tenant", saved.TenantId), ("$name", saved.Name), ("$deployment", JsonSerializer.Serialize(saved, Json)),
            ("$at", saved.UpdatedAt.ToString("O", CultureInfo.InvariantCulture)), ("$row", saved.RowVersion)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return saved;
    }

    public async Task AppendAsync(IReadOnlyList<LoggedPrediction> predictions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginWrite(connection);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO serving_predictions (tenant, endpoint, model, version, at, inputs, prediction) VALUES ($tenant, $endpoint, $model, $version, $at, $inputs, $prediction)";
        var parameters = new[] { "$tenant", "$endpoint", "$model", "$version", "$at", "$inputs", "$prediction" }.Select(name => insert.Parameters.Add(name, SqliteType.Text)).ToArray();
        foreach (var p in predictions)
        {
            parameters[0].Value = p.TenantId;
            parameters[1].Value = p.Endpoint;
            parameters[2].Value = p.Model;
            parameters[3].Value = p.Version;
            parameters[4].Value = p.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
            parameters[5].Value = JsonSerializer.Serialize(p.Inputs, Json);
            parameters[6].Value = p.Prediction;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LoggedPrediction>> ReadAsync(PredictionLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit < 1)
        {
            throw LodestarException.Invalid("limit must be at least 1");
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null,
            """
            SELECT tenant, endpoint, model, version, at, inputs, prediction FROM serving_predictions
            WHERE tenant = $tenant AND endpoint = $endpoint AND ($model IS NULL OR model = $model) AND ($version IS NULL OR version = $version)
              AND ($since IS NULL OR at >= $since) AND ($until IS NULL OR at < $until)
            ORDER BY id DESC LIMIT $limit
            """,
            r => new LoggedPrediction(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), ParseTime(r.GetString(4)),
                JsonSerializer.Deserialize<Dictionary<string, string?>>(r.GetString(5), Json)!, r.GetDouble(6)),
            cancellationToken,
            ("$tenant", query.TenantId), ("$endpoint", query.Endpoint), ("$model", query.Model), ("$version", query.Version),
            ("$since", query.Since?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
            ("$until", query.Until?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)), ("$limit", query.Limit)).ConfigureAwait(false);
        rows.Reverse();
        return rows;
    }

    public async Task<ScoringJob?> GetJobAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null, "SELECT job FROM scoring_jobs WHERE id = $id", r => JsonSerializer.Deserialize<ScoringJob>(r.GetString(0), Json)!, cancellationToken,
            ("$id", id)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<ScoringJob>> ListJobsAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, "SELECT job FROM scoring_jobs WHERE tenant = $tenant ORDER BY updated_at DESC", r => JsonSerializer.Deserialize<ScoringJob>(r.GetString(0), Json)!, cancellationToken,
            ("$tenant", tenantId)).ConfigureAwait(false);
    }

    public async Task SaveJobAsync(ScoringJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            """
            INSERT INTO scoring_jobs (id, tenant, job, status, updated_at) VALUES ($id, $tenant, $job, $status, $at)
            ON CONFLICT(id) DO UPDATE SET job = excluded.job, status = excluded.status, updated_at = excluded.updated_at
            """, cancellationToken,
            ("$id", job.Id), ("$tenant", job.TenantId), ("$job", JsonSerializer.Serialize(job, Json)), ("$status", job.Status.ToString()),
            ("$at", job.UpdatedAt.ToString("O", CultureInfo.InvariantCulture))).ConfigureAwait(false);
    }

    private static EndpointDeployment ReadDeployment(SqliteDataReader reader) =>
        JsonSerializer.Deserialize<EndpointDeployment>(reader.GetString(0), Json)! with { RowVersion = reader.GetInt64(1) };
}
