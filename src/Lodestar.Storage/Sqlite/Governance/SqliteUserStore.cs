using Lodestar.Governance.Identity;
using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Sqlite.Governance;

/// <summary>Users in <c>gov_users</c>; the user id is the primary key across tenants.</summary>
internal sealed class SqliteUserStore(GovernanceSchema schema) : IUserStore
{
    private const string Columns = "user_id, tenant_id, groups_json, roles_json, created_at";

    public async Task<bool> TryAddAsync(UserAccount user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await schema.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO gov_users ({Columns}) VALUES ($id, $tenant, $groups, $roles, $created) ON CONFLICT (user_id) DO NOTHING";
        command.Parameters.AddWithValue("$id", user.UserId);
        command.Parameters.AddWithValue("$tenant", user.TenantId);
        command.Parameters.AddWithValue("$groups", SqliteValues.List(user.Groups));
        command.Parameters.AddWithValue("$roles", SqliteValues.List(user.Roles));
        command.Parameters.AddWithValue("$created", SqliteValues.Time(user.CreatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> UpdateAsync(string userId, IReadOnlyList<string> groups, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        await using var connection = await schema.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE gov_users SET groups_json = $groups, roles_json = $roles WHERE user_id = $id";
        command.Parameters.AddWithValue("$id", userId);
        command.Parameters.AddWithValue("$groups", SqliteValues.List(groups));
        command.Parameters.AddWithValue("$roles", SqliteValues.List(roles));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<UserAccount?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        var users = await schema.QueryAsync($"SELECT {Columns} FROM gov_users WHERE user_id = $value", userId, Read, cancellationToken).ConfigureAwait(false);
        return users.Count == 0 ? null : users[0];
    }

    public Task<IReadOnlyList<UserAccount>> ListAsync(string? tenantId, CancellationToken cancellationToken = default) =>
        schema.QueryAsync($"SELECT {Columns} FROM gov_users WHERE $value IS NULL OR tenant_id = $value ORDER BY tenant_id, user_id", tenantId, Read, cancellationToken);

    private static UserAccount Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        SqliteValues.ReadList(reader, 2),
        SqliteValues.ReadList(reader, 3),
        SqliteValues.ReadTime(reader, 4));
}
