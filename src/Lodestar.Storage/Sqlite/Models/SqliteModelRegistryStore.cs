using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lodestar.Core;
using Lodestar.Models.Registry;
using Lodestar.Models.Training;
using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Sqlite.Models;

/// <summary>The model registry in SQLite. Version numbers and alias moves are decided inside BEGIN IMMEDIATE transactions.</summary>
internal sealed class SqliteModelRegistryStore(SqliteDatabase database) : SqliteStoreBase(database, "registry", Migrations), IModelRegistryStore
{
    private const string VersionColumns = "name, version, run_id, algorithm, artifact_sha256, signature, metrics, created_at";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE registry_models (name TEXT PRIMARY KEY, created_at TEXT NOT NULL);
        CREATE TABLE registry_versions (
            name TEXT NOT NULL REFERENCES registry_models(name), version INTEGER NOT NULL, run_id TEXT NOT NULL, algorithm TEXT NOT NULL,
            artifact_sha256 TEXT NOT NULL, signature TEXT NOT NULL, metrics TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (name, version));
        CREATE TABLE registry_aliases (
            name TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL, row_version INTEGER NOT NULL, PRIMARY KEY (name, alias),
            FOREIGN KEY (name, version) REFERENCES registry_versions(name, version));
        """,
    ];

    public async Task<ModelVersion> CreateVersionAsync(NewModelVersion version, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        ModelNames.Validate(version.Name, "model");
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginWrite(connection);
        var at = createdAt.ToString("O", CultureInfo.InvariantCulture);
        await ExecuteAsync(connection, transaction, "INSERT INTO registry_models (name, created_at) VALUES ($name, $at) ON CONFLICT(name) DO NOTHING", cancellationToken,
            ("$name", version.Name), ("$at", at)).ConfigureAwait(false);
        var next = (await QueryAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) + 1 FROM registry_versions WHERE name = $name", r => r.GetInt32(0), cancellationToken,
            ("$name", version.Name)).ConfigureAwait(false))[0];
        await ExecuteAsync(connection, transaction, $"INSERT INTO registry_versions ({VersionColumns}) VALUES ($name, $version, $run, $algorithm, $sha, $signature, $metrics, $at)", cancellationToken,
            ("$name", version.Name), ("$version", next), ("$run", version.RunId), ("$algorithm", version.Algorithm), ("$sha", version.ArtifactSha256),
            ("$signature", JsonSerializer.Serialize(version.Signature, Json)), ("$metrics", JsonSerializer.Serialize(version.Metrics, Json)), ("$at", at)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ModelVersion(version.Name, next, version.RunId, version.Algorithm, version.ArtifactSha256, version.Signature, version.Metrics, ParseTime(at));
    }

    public async Task<ModelVersion?> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null, $"SELECT {VersionColumns} FROM registry_versions WHERE name = $name AND version = $version", ReadVersion, cancellationToken,
            ("$name", name), ("$version", version)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<ModelVersion?> GetLatestVersionAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null, $"SELECT {VersionColumns} FROM registry_versions WHERE name = $name ORDER BY version DESC LIMIT 1", ReadVersion, cancellationToken,
            ("$name", name)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, "SELECT name, created_at FROM registry_models ORDER BY name", r => new RegisteredModel(r.GetString(0), ParseTime(r.GetString(1))), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, $"SELECT {VersionColumns} FROM registry_versions WHERE name = $name ORDER BY version", ReadVersion, cancellationToken, ("$name", name)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ModelAlias>> ListAliasesAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, "SELECT name, alias, version, row_version FROM registry_aliases WHERE name = $name ORDER BY alias", ReadAlias, cancellationToken, ("$name", name)).ConfigureAwait(false);
    }

    public async Task<ModelAlias> SetAliasAsync(string name, string alias, int version, long expectedRowVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginWrite(connection);
        var exists = await QueryAsync(connection, transaction, "SELECT 1 FROM registry_versions WHERE name = $name AND version = $version", r => r.GetInt32(0), cancellationToken,
            ("$name", name), ("$version", version)).ConfigureAwait(false);
        if (exists.Count == 0)
        {
            throw LodestarException.NotFound($"model '{name}' has no version {version}");
        }

        var current = await QueryAsync(connection, transaction, "SELECT name, alias, version, row_version FROM registry_aliases WHERE name = $name AND alias = $alias", ReadAlias, cancellationToken,
            ("$name", name), ("$alias", alias)).ConfigureAwait(false);
        var currentRowVersion = current.Count == 0 ? 0 : current[0].RowVersion;
        if (currentRowVersion != expectedRowVersion)
        {
            throw LodestarException.Conflict($"alias '{name}@{alias}' was changed concurrently (row version {currentRowVersion}, expected {expectedRowVersion}); re-read and retry");
        }

        var moved = new ModelAlias(name, alias, version, currentRowVersion + 1);
        await ExecuteAsync(connection, transaction,
            "INSERT INTO registry_aliases (name, alias, version, row_version) VALUES ($name, $alias, $version, $row) ON CONFLICT(name, alias) DO UPDATE SET version = excluded.version, row_version = excluded.row_version",
            cancellationToken, ("$name", name), ("$alias", alias), ("$version", version), ("$row", moved.RowVersion)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return moved;
    }

    private static ModelAlias ReadAlias(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt64(3));

    private static ModelVersion ReadVersion(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4),
        JsonSerializer.Deserialize<ModelSignature>(r.GetString(5), Json)!,
        JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString(6), Json)!,
        ParseTime(r.GetString(7)));
}
