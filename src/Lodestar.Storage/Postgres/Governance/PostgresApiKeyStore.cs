using Lodestar.Governance.Identity;
using Npgsql;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Governance;

/// <summary>API keys in <c>gov_api_keys</c>: the SHA-256 of each key, never the key.</summary>
internal sealed class PostgresApiKeyStore(PostgresDatabase database) : IApiKeyStore
{
    private const string Columns = "key_id, user_id, tenant_id, roles_json, secret_hash, created_at, expires_at, revoked_at";

    public Task AddAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return database.WriteAsync(PostgresGovernanceSchema.Module, (connection, transaction, token) =>
            ExecuteAsync(connection, transaction, $"INSERT INTO gov_api_keys ({Columns}) VALUES (@id, @user, @tenant, @roles, @hash, @created, @expires, @revoked)", token,
                ("id", key.KeyId), ("user", key.UserId), ("tenant", key.TenantId), ("roles", List(key.Roles)), ("hash", key.SecretHash), ("created", Time(key.CreatedAt)),
                ("expires", TimeOrNull(key.ExpiresAt)), ("revoked", TimeOrNull(key.RevokedAt))),
            cancellationToken);
    }

    public async Task<ApiKey?> FindAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var keys = await QueryAsync($"SELECT {Columns} FROM gov_api_keys WHERE key_id = @value", keyId, cancellationToken).ConfigureAwait(false);
        return keys.Count == 0 ? null : keys[0];
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string? userId, CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns} FROM gov_api_keys WHERE @value::text IS NULL OR user_id = @value ORDER BY created_at, seq", userId, cancellationToken).ConfigureAwait(false);

    public Task<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync(PostgresGovernanceSchema.Module, async (connection, transaction, token) =>
            await ExecuteAsync(connection, transaction, "UPDATE gov_api_keys SET revoked_at = @at WHERE key_id = @id AND revoked_at IS NULL", token,
                ("id", keyId), ("at", Time(revokedAt))).ConfigureAwait(false) == 1,
            cancellationToken);

    private Task<List<ApiKey>> QueryAsync(string sql, string? value, CancellationToken cancellationToken) =>
        database.ReadAsync(PostgresGovernanceSchema.Module, (connection, token) => PostgresValues.QueryAsync(connection, null, sql, Read, token, ("value", value)), cancellationToken);

    private static ApiKey Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), ReadList(reader, 3), (byte[])reader.GetValue(4),
        ReadTime(reader, 5), ReadTimeOrNull(reader, 6), ReadTimeOrNull(reader, 7));
}
