using Lodestar.Core;
using Lodestar.Models.Registry;
using Npgsql;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Models;

/// <summary>
/// Ownership, authorship, version tags, promotion policies and requests in PostgreSQL, shared by every node. A decision
/// locks its request row first, so of two admins approving on two nodes exactly one decides and the other gets a Conflict.
/// </summary>
internal sealed class PostgresModelGovernanceStore(PostgresDatabase database) : IModelGovernanceStore
{
    private const string PromotionColumns = "id, model, alias, version, requested_by, requested_at, status, expected_row_version, comment, decided_by, decided_at, reason";

    private static readonly PostgresModule Module = new("registry-governance",
    [
        """
        CREATE TABLE lifecycle_owners (kind TEXT NOT NULL, name TEXT NOT NULL, tenant_id TEXT NOT NULL, PRIMARY KEY (kind, name));
        CREATE TABLE registry_version_authors (model TEXT NOT NULL, version INTEGER NOT NULL, author TEXT NOT NULL, PRIMARY KEY (model, version));
        CREATE TABLE registry_version_tags (model TEXT NOT NULL, version INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (model, version, key));
        CREATE TABLE registry_policies (
            model TEXT NOT NULL, alias TEXT NOT NULL, require_approval BOOLEAN NOT NULL, metric TEXT, higher_is_better BOOLEAN NOT NULL, PRIMARY KEY (model, alias));
        CREATE TABLE registry_promotions (
            id TEXT PRIMARY KEY, model TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL, requested_by TEXT NOT NULL, requested_at TEXT NOT NULL,
            status TEXT NOT NULL, expected_row_version BIGINT NOT NULL, comment TEXT, decided_by TEXT, decided_at TEXT, reason TEXT,
            seq BIGINT GENERATED ALWAYS AS IDENTITY);
        CREATE INDEX registry_promotions_model ON registry_promotions (model, requested_at);
        """,
    ]);

    public Task<string> ClaimAsync(string kind, string name, string tenantId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(Module, async (connection, transaction, token) =>
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO lifecycle_owners (kind, name, tenant_id) VALUES (@kind, @name, @tenant) ON CONFLICT (kind, name) DO NOTHING", token,
                ("kind", kind), ("name", name), ("tenant", tenantId)).ConfigureAwait(false);
            return (await QueryAsync(connection, transaction, "SELECT tenant_id FROM lifecycle_owners WHERE kind = @kind AND name = @name", r => r.GetString(0), token,
                ("kind", kind), ("name", name)).ConfigureAwait(false))[0];
        }, cancellationToken);

    public async Task<string?> GetOwnerAsync(string kind, string name, CancellationToken cancellationToken = default) =>
        (await ReadAsync("SELECT tenant_id FROM lifecycle_owners WHERE kind = @kind AND name = @name", r => r.GetString(0), cancellationToken,
            ("kind", kind), ("name", name)).ConfigureAwait(false)).FirstOrDefault();

    public Task RecordAuthorAsync(string model, int version, string author, CancellationToken cancellationToken = default) =>
        WriteAsync("INSERT INTO registry_version_authors (model, version, author) VALUES (@model, @version, @author) ON CONFLICT (model, version) DO NOTHING", cancellationToken,
            ("model", model), ("version", version), ("author", author));

    public async Task<string?> GetAuthorAsync(string model, int version, CancellationToken cancellationToken = default) =>
        (await ReadAsync("SELECT author FROM registry_version_authors WHERE model = @model AND version = @version", r => r.GetString(0), cancellationToken,
            ("model", model), ("version", version)).ConfigureAwait(false)).FirstOrDefault();

    public Task SetVersionTagAsync(string model, int version, string key, string? value, CancellationToken cancellationToken = default) =>
        value is null
            ? WriteAsync("DELETE FROM registry_version_tags WHERE model = @model AND version = @version AND key = @key", cancellationToken,
                ("model", model), ("version", version), ("key", key))
            : WriteAsync("INSERT INTO registry_version_tags (model, version, key, value) VALUES (@model, @version, @key, @value) ON CONFLICT (model, version, key) DO UPDATE SET value = excluded.value",
                cancellationToken, ("model", model), ("version", version), ("key", key), ("value", value));

    public async Task<IReadOnlyDictionary<string, string>> GetVersionTagsAsync(string model, int version, CancellationToken cancellationToken = default) =>
        (await ReadAsync("SELECT key, value FROM registry_version_tags WHERE model = @model AND version = @version ORDER BY key", r => (Key: r.GetString(0), Value: r.GetString(1)),
            cancellationToken, ("model", model), ("version", version)).ConfigureAwait(false)).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);

    public Task SetPolicyAsync(string model, PromotionPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return WriteAsync(
            """
            INSERT INTO registry_policies (model, alias, require_approval, metric, higher_is_better) VALUES (@model, @alias, @approval, @metric, @higher)
            ON CONFLICT (model, alias) DO UPDATE SET require_approval = excluded.require_approval, metric = excluded.metric, higher_is_better = excluded.higher_is_better
            """,
            cancellationToken, ("model", model), ("alias", policy.Alias), ("approval", policy.RequireApproval), ("metric", policy.Metric), ("higher", policy.HigherIsBetter));
    }

    public async Task<PromotionPolicy?> GetPolicyAsync(string model, string alias, CancellationToken cancellationToken = default) =>
        (await ReadAsync("SELECT alias, require_approval, metric, higher_is_better FROM registry_policies WHERE model = @model AND alias = @alias",
            r => new PromotionPolicy(r.GetString(0), r.GetBoolean(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetBoolean(3)), cancellationToken,
            ("model", model), ("alias", alias)).ConfigureAwait(false)).FirstOrDefault();

    public Task CreatePromotionAsync(PromotionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WriteAsync(
            $"INSERT INTO registry_promotions ({PromotionColumns}) VALUES (@id, @model, @alias, @version, @by, @at, @status, @row, @comment, NULL, NULL, NULL)",
            cancellationToken, ("id", request.Id), ("model", request.Model), ("alias", request.Alias), ("version", request.Version), ("by", request.RequestedBy),
            ("at", Time(request.RequestedAt)), ("status", request.Status.ToString()), ("row", request.ExpectedRowVersion), ("comment", request.Comment));
    }

    public async Task<PromotionRequest?> GetPromotionAsync(string id, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {PromotionColumns} FROM registry_promotions WHERE id = @id", ReadPromotion, cancellationToken, ("id", id)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<PromotionRequest>> ListPromotionsAsync(string model, CancellationToken cancellationToken = default) =>
        await ReadAsync($"SELECT {PromotionColumns} FROM registry_promotions WHERE model = @model ORDER BY requested_at DESC, seq DESC", ReadPromotion, cancellationToken,
            ("model", model)).ConfigureAwait(false);

    public Task<PromotionRequest> DecideAsync(string id, PromotionStatus status, string decidedBy, string? reason, DateTimeOffset decidedAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync(Module, async (connection, transaction, token) =>
        {
            var rows = await QueryAsync(connection, transaction, $"SELECT {PromotionColumns} FROM registry_promotions WHERE id = @id FOR UPDATE", ReadPromotion, token, ("id", id)).ConfigureAwait(false);
            var decided = (rows.Count == 1 ? rows[0] : throw LodestarException.NotFound($"promotion request '{id}' not found")).Decide(status, decidedBy, reason, decidedAt);
            await ExecuteAsync(connection, transaction, "UPDATE registry_promotions SET status = @status, decided_by = @by, decided_at = @at, reason = @reason WHERE id = @id", token,
                ("status", status.ToString()), ("by", decidedBy), ("at", Time(decidedAt)), ("reason", reason), ("id", id)).ConfigureAwait(false);
            return decided;
        }, cancellationToken);

    private Task<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null, sql, read, token, parameters), cancellationToken);

    private Task WriteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction, sql, token, parameters), cancellationToken);

    private static PromotionRequest ReadPromotion(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), ReadTime(r, 5), Enum.Parse<PromotionStatus>(r.GetString(6)),
        r.GetInt64(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), ReadTimeOrNull(r, 10), r.IsDBNull(11) ? null : r.GetString(11));
}
