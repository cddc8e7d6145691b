using System.Text.Json;
using System.Text.Json.Serialization;
using Lodestar.Core;
using Lodestar.Models.Registry;
using Lodestar.Models.Training;
using Npgsql;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Models;

/// <summary>
/// The model registry in PostgreSQL. The model row is locked while the next version number is taken; aliases move
/// with a conditional write on their row version, so of two nodes moving one alias exactly one wins and the other gets a Conflict.
/// </summary>
internal sealed class PostgresModelRegistryStore(PostgresDatabase database) : IModelRegistryStore
{
    private const string VersionColumns = "name, version, run_id, algorithm, artifact_sha256, signature, metrics, created_at";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly PostgresModule Module = new("registry",
    [
        """
        CREATE TABLE registry_models (name TEXT PRIMARY KEY, created_at TEXT NOT NULL);
        CREATE TABLE registry_versions (
            name TEXT NOT NULL REFERENCES registry_models(name), version INTEGER NOT NULL, run_id TEXT NOT NULL, algorithm TEXT NOT NULL,
            artifact_sha256 TEXT NOT NULL, signature TEXT NOT NULL, metrics TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (name, version));
        CREATE TABLE registry_aliases (
            name TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL, row_version BIGINT NOT NULL, PRIMARY KEY (name, alias),
            FOREIGN KEY (name, version) REFERENCES registry_versions(name, version));
        """,
    ]);

    public Task<ModelVersion> CreateVersionAsync(NewModelVersion version, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        ModelNames.Validate(version.Name, "model");
        var at = Time(createdAt);
        return database.WriteAsync(Module, async (connection, transaction, token) =>
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO registry_models (name, created_at) VALUES (@name, @at) ON CONFLICT (name) DO NOTHING", token, ("name", version.Name), ("at", at)).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "SELECT 1 FROM registry_models WHERE name = @name FOR UPDATE", token, ("name", version.Name)).ConfigureAwait(false);
            var next = (await QueryAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) + 1 FROM registry_versions WHERE name = @name", r => r.GetInt32(0), token,
                ("name", version.Name)).ConfigureAwait(false))[0];
            await ExecuteAsync(connection, transaction, $"INSERT INTO registry_versions ({VersionColumns}) VALUES (@name, @version, @run, @algorithm, @sha, @signature, @metrics, @at)", token,
                ("name", version.Name), ("version", next), ("run", version.RunId), ("algorithm", version.Algorithm), ("sha", version.ArtifactSha256),
                ("signature", JsonSerializer.Serialize(version.Signature, Json)), ("metrics", JsonSerializer.Serialize(version.Metrics, Json)), ("at", at)).ConfigureAwait(false);
            return new ModelVersion(version.Name, next, version.RunId, version.Algorithm, version.ArtifactSha256, version.Signature, version.Metrics, createdAt);
        }, cancellationToken);
    }

    public async Task<ModelVersion?> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {VersionColumns} FROM registry_versions WHERE name = @name AND version = @version", ReadVersion, cancellationToken, ("name", name), ("version", version)).ConfigureAwait(false))
        .FirstOrDefault();

    public async Task<ModelVersion?> GetLatestVersionAsync(string name, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {VersionColumns} FROM registry_versions WHERE name = @name ORDER BY version DESC LIMIT 1", ReadVersion, cancellationToken, ("name", name)).ConfigureAwait(false))
        .FirstOrDefault();

    public async Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        await ReadAsync("SELECT name, created_at FROM registry_models ORDER BY name", r => new RegisteredModel(r.GetString(0), ReadTime(r, 1)), cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken = default) =>
        await ReadAsync($"SELECT {VersionColumns} FROM registry_versions WHERE name = @name ORDER BY version", ReadVersion, cancellationToken, ("name", name)).ConfigureAwait(false);

    public async Task<IReadOnlyList<ModelAlias>> ListAliasesAsync(string name, CancellationToken cancellationToken = default) =>
        await ReadAsync("SELECT name, alias, version, row_version FROM registry_aliases WHERE name = @name ORDER BY alias", ReadAlias, cancellationToken, ("name", name)).ConfigureAwait(false);

    public Task<ModelAlias> SetAliasAsync(string name, string alias, int version, long expectedRowVersion, CancellationToken cancellationToken = default) =>
        database.WriteAsync(Module, async (connection, transaction, token) =>
        {
            var exists = await QueryAsync(connection, transaction, "SELECT 1 FROM registry_versions WHERE name = @name AND version = @version", r => r.GetInt32(0), token,
                ("name", name), ("version", version)).ConfigureAwait(false);
            if (exists.Count == 0)
            {
                throw LodestarException.NotFound($"model '{name}' has no version {version}");
            }

            var moved = new ModelAlias(name, alias, version, expectedRowVersion + 1);
            // The conditional write is the check: under concurrency the second writer's WHERE (or insert) finds nothing to change.
            var written = expectedRowVersion == 0
                ? await ExecuteAsync(connection, transaction, "INSERT INTO registry_aliases (name, alias, version, row_version) VALUES (@name, @alias, @version, 1) ON CONFLICT (name, alias) DO NOTHING", token,
                    ("name", name), ("alias", alias), ("version", version)).ConfigureAwait(false)
                : await ExecuteAsync(connection, transaction, "UPDATE registry_aliases SET version = @version, row_version = row_version + 1 WHERE name = @name AND alias = @alias AND row_version = @expected", token,
                    ("name", name), ("alias", alias), ("version", version), ("expected", expectedRowVersion)).ConfigureAwait(false);
            if (written == 0)
            {
                var current = await QueryAsync(connection, transaction, "SELECT row_version FROM registry_aliases WHERE name = @name AND alias = @alias", r => r.GetInt64(0), token,
                    ("name", name), ("alias", alias)).ConfigureAwait(false);
                throw LodestarException.Conflict($"alias '{name}@{alias}' was changed concurrently (row version {(current.Count == 0 ? 0 : current[0])}, expected {expectedRowVersion}); re-read and retry");
            }

            return moved;
        }, cancellationToken);

    private Task<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null, sql, read, token, parameters), cancellationToken);

    private static ModelAlias ReadAlias(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt64(3));

    private static ModelVersion ReadVersion(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4),
        JsonSerializer.Deserialize<ModelSignature>(r.GetString(5), Json)!,
        JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString(6), Json)!,
        ReadTime(r, 7));
}
