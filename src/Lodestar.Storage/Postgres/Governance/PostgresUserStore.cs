using Lodestar.Governance.Identity;
using Npgsql;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Governance;

/// <summary>Users in <c>gov_users</c>; the user id is the primary key across tenants.</summary>
internal sealed class PostgresUserStore(PostgresDatabase database) : IUserStore
{
    private const string Columns = "user_id, tenant_id, groups_json, roles_json, created_at";

    public Task<bool> TryAddAsync(UserAccount user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return database.WriteAsync(PostgresGovernanceSchema.Module, async (connection, transaction, token) =>
            await ExecuteAsync(connection, transaction, $"INSERT INTO gov_users ({Columns}) VALUES (@id, @tenant, @groups, @roles, @created) ON CONFLICT (user_id) DO NOTHING", token,
                ("id", user.UserId), ("tenant", user.TenantId), ("groups", List(user.Groups)), ("roles", List(user.Roles)), ("created", Time(user.CreatedAt))).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    public Task<bool> UpdateAsync(string userId, IReadOnlyList<string> groups, IReadOnlyList<string> roles, CancellationToken cancellationToken = default) =>
        database.WriteAsync(PostgresGovernanceSchema.Module, async (connection, transaction, token) =>
            await ExecuteAsync(connection, transaction, "UPDATE gov_users SET groups_json = @groups, roles_json = @roles WHERE user_id = @id", token,
                ("id", userId), ("groups", List(groups)), ("roles", List(roles))).ConfigureAwait(false) == 1,
            cancellationToken);

    public async Task<UserAccount?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        var users = await QueryAsync($"SELECT {Columns} FROM gov_users WHERE user_id = @value", userId, cancellationToken).ConfigureAwait(false);
        return users.Count == 0 ? null : users[0];
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(string? tenantId, CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns} FROM gov_users WHERE @value::text IS NULL OR tenant_id = @value ORDER BY tenant_id, user_id", tenantId, cancellationToken).ConfigureAwait(false);

    private Task<List<UserAccount>> QueryAsync(string sql, string? value, CancellationToken cancellationToken) =>
        database.ReadAsync(PostgresGovernanceSchema.Module, (connection, token) => PostgresValues.QueryAsync(connection, null, sql, Read, token, ("value", value)), cancellationToken);

    private static UserAccount Read(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetString(1), ReadList(reader, 2), ReadList(reader, 3), ReadTime(reader, 4));
}
