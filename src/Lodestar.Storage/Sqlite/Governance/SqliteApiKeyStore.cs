using Lodestar.Governance.Identity;
using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Sqlite.Governance;

/// <summary>API keys in <c>gov_api_keys</c>: the SHA-256 of each key, never the key.</summary>
internal sealed class SqliteApiKeyStore(GovernanceSchema schema) : IApiKeyStore
{
    private const string Columns = "key_id, user_id, tenant_id, roles_json, secret_hash, created_at, expires_at, revoked_at";

    public async Task AddAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await schema.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO gov_api_keys ({Columns}) VALUES ($id, $user, $tenant, $roles, $hash, $created, $expires, $revoked)";
        command.Parameters.AddWithValue("$id", key.KeyId);
        command.Parameters.AddWithValue("$user", key.UserId);
        command.Parameters.AddWithValue("$tenant", key.TenantId);
        command.Parameters.AddWithValue("$roles", SqliteValues.List(key.Roles));
        command.Parameters.AddWithValue("$hash", key.SecretHash);
        command.Parameters.AddWithValue("$created", SqliteValues.Time(key.CreatedAt));
        command.Parameters.AddWithValue("$expires", SqliteValues.TimeOrNull(key.ExpiresAt));
        command.Parameters.AddWithValue("$revoked", SqliteValues.TimeOrNull(key.RevokedAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiKey?> FindAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var keys = await schema.QueryAsync($"SELECT {Columns} FROM gov_api_keys WHERE key_id = $value", keyId, Read, cancellationToken).ConfigureAwait(false);
        return keys.Count == 0 ? null : keys[0];
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(string? userId, CancellationToken cancellationToken = default) =>
        schema.QueryAsync($"SELECT {Columns} FROM gov_api_keys WHERE $value IS NULL OR user_id = $value ORDER BY created_at, key_id", userId, Read, cancellationToken);

    public async Task<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await schema.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE gov_api_keys SET revoked_at = $at WHERE key_id = $id AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$id", keyId);
        command.Parameters.AddWithValue("$at", SqliteValues.Time(revokedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static ApiKey Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        SqliteValues.ReadList(reader, 3),
        (byte[])reader.GetValue(4),
        SqliteValues.ReadTime(reader, 5),
        SqliteValues.ReadTimeOrNull(reader, 6),
        SqliteValues.ReadTimeOrNull(reader, 7));
}
