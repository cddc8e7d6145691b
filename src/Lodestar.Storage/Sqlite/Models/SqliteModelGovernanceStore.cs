using System.Globalization;
using Lodestar.Core;
using Lodestar.Models.Registry;
using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Sqlite.Models;

/// <summary>Ownership, authorship, version tags, promotion policies and requests of the model registry in SQLite.</summary>
internal sealed class SqliteModelGovernanceStore(SqliteDatabase database) : SqliteStoreBase(database, "registry-governance", Migrations), IModelGovernanceStore
{
    private const string PromotionColumns = "id, model, alias, version, requested_by, requested_at, status, expected_row_version, comment, decided_by, decided_at, reason";

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE lifecycle_owners (kind TEXT NOT NULL, name TEXT NOT NULL, tenant_id TEXT NOT NULL, PRIMARY KEY (kind, name));
        CREATE TABLE registry_version_authors (model TEXT NOT NULL, version INTEGER NOT NULL, author TEXT NOT NULL, PRIMARY KEY (model, version));
        CREATE TABLE registry_version_tags (model TEXT NOT NULL, version INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (model, version, key));
        CREATE TABLE registry_policies (
            model TEXT NOT NULL, alias TEXT NOT NULL, require_approval INTEGER NOT NULL, metric TEXT, higher_is_better INTEGER NOT NULL, PRIMARY KEY (model, alias));
        CREATE TABLE registry_promotions (
            id TEXT PRIMARY KEY, model TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL, requested_by TEXT NOT NULL, requested_at TEXT NOT NULL,
            status TEXT NOT NULL, expected_row_version INTEGER NOT NULL, comment TEXT, decided_by TEXT, decided_at TEXT, reason TEXT);
        CREATE INDEX registry_promotions_model ON registry_promotions(model, requested_at);
        """,
    ];

    public async Task<string> ClaimAsync(string kind, string name, string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "INSERT INTO lifecycle_owners (kind, name, tenant_id) VALUES ($kind, $name, $tenant) ON CONFLICT(kind, name) DO NOTHING", cancellationToken,
            ("$kind", kind), ("$name", name), ("$tenant", tenantId)).ConfigureAwait(false);
        return (await OwnerAsync(connection, kind, name, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<string?> GetOwnerAsync(string kind, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await OwnerAsync(connection, kind, name, cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordAuthorAsync(string model, int version, string author, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "INSERT OR IGNORE INTO registry_version_authors (model, version, author) VALUES ($model, $version, $author)", cancellationToken,
            ("$model", model), ("$version", version), ("$author", author)).ConfigureAwait(false);
    }

    public async Task<string?> GetAuthorAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null, "SELECT author FROM registry_version_authors WHERE model = $model AND version = $version", r => r.GetString(0), cancellationToken,
            ("$model", model), ("$version", version)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task SetVersionTagAsync(string model, int version, string key, string? value, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (value is null)
        {
            await ExecuteAsync(connection, null, "DELETE FROM registry_version_tags WHERE model = $model AND version = $version AND key = $key", cancellationToken,
                ("$model", model), ("$version", version), ("$key", key)).ConfigureAwait(false);
            return;
        }

        await ExecuteAsync(connection, null,
            "INSERT INTO registry_version_tags (model, version, key, value) VALUES ($model, $version, $key, $value) ON CONFLICT(model, version, key) DO UPDATE SET value = excluded.value",
            cancellationToken, ("$model", model), ("$version", version), ("$key", key), ("$value", value)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetVersionTagsAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null, "SELECT key, value FROM registry_version_tags WHERE model = $model AND version = $version ORDER BY key",
            r => (Key: r.GetString(0), Value: r.GetString(1)), cancellationToken, ("$model", model), ("$version", version)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }

    public async Task SetPolicyAsync(string model, PromotionPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            """
            INSERT INTO registry_policies (model, alias, require_approval, metric, higher_is_better) VALUES ($model, $alias, $approval, $metric, $higher)
            ON CONFLICT(model, alias) DO UPDATE SET require_approval = excluded.require_approval, metric = excluded.metric, higher_is_better = excluded.higher_is_better
            """,
            cancellationToken, ("$model", model), ("$alias", policy.Alias), ("$approval", policy.RequireApproval ? 1 : 0), ("$metric", policy.Metric), ("$higher", policy.HigherIsBetter ? 1 : 0)).ConfigureAwait(false);
    }

    public async Task<PromotionPolicy?> GetPolicyAsync(string model, string alias, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null, "SELECT alias, require_approval, metric, higher_is_better FROM registry_policies WHERE model = $model AND alias = $alias",
            r => new PromotionPolicy(r.GetString(0), r.GetInt32(1) != 0, r.IsDBNull(2) ? null : r.GetString(2), r.GetInt32(3) != 0), cancellationToken,
            ("$model", model), ("$alias", alias)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task CreatePromotionAsync(PromotionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            $"INSERT INTO registry_promotions ({PromotionColumns}) VALUES ($id, $model, $alias, $version, $by, $at, $status, $row, $comment, NULL, NULL, NULL)",
            cancellationToken, ("$id", request.Id), ("$model", request.Model), ("$alias", request.Alias), ("$version", request.Version), ("$by", request.RequestedBy),
            ("$at", Time(request.RequestedAt)), ("$status", request.Status.ToString()), ("$row", request.ExpectedRowVersion), ("$comment", request.Comment)).ConfigureAwait(false);
    }

    public async Task<PromotionRequest?> GetPromotionAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null, $"SELECT {PromotionColumns} FROM registry_promotions WHERE id = $id", ReadPromotion, cancellationToken, ("$id", id)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<PromotionRequest>> ListPromotionsAsync(string model, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, $"SELECT {PromotionColumns} FROM registry_promotions WHERE model = $model ORDER BY requested_at DESC, rowid DESC", ReadPromotion, cancellationToken,
            ("$model", model)).ConfigureAwait(false);
    }

    public async Task<PromotionRequest> DecideAsync(string id, PromotionStatus status, string decidedBy, string? reason, DateTimeOffset decidedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginWrite(connection);
        var rows = await QueryAsync(connection, transaction, $"SELECT {PromotionColumns} FROM registry_promotions WHERE id = $id", ReadPromotion, cancellationToken, ("$id", id)).ConfigureAwait(false);
        var decided = (rows.Count == 1 ? rows[0] : throw LodestarException.NotFound($"promotion request '{id}' not found")).Decide(status, decidedBy, reason, decidedAt);
        await ExecuteAsync(connection, transaction, "UPDATE registry_promotions SET status = $status, decided_by = $by, decided_at = $at, reason = $reason WHERE id = $id", cancellationToken,
            ("$status", status.ToString()), ("$by", decidedBy), ("$at", Time(decidedAt)), ("$reason", reason), ("$id", id)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return decided;
    }

    private static async Task<string?> OwnerAsync(SqliteConnection connection, string kind, string name, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(connection, null, "SELECT tenant_id FROM lifecycle_owners WHERE kind = $kind AND name = $name", r => r.GetString(0), cancellationToken,
            ("$kind", kind), ("$name", name)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static PromotionRequest ReadPromotion(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), ParseTime(r.GetString(5)), Enum.Parse<PromotionStatus>(r.GetString(6)),
        r.GetInt64(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : ParseTime(r.GetString(10)),
        r.IsDBNull(11) ? null : r.GetString(11));
}
