using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Sqlite.Governance;

/// <summary>
/// The governance module of the schema. Audit tables carry triggers that refuse UPDATE and DELETE: they stop
/// mistakes, not attackers (who can drop them), which is why the chain and the signed checkpoints exist.
/// </summary>
internal sealed class GovernanceSchema(SqliteDatabase database)
{
    private const string Module = "governance";

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE gov_users (
            user_id TEXT NOT NULL PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            groups_json TEXT NOT NULL,
            roles_json TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE INDEX gov_users_by_tenant ON gov_users (tenant_id, user_id);
        CREATE TABLE gov_api_keys (
            key_id TEXT NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES gov_users (user_id),
            tenant_id TEXT NOT NULL,
            roles_json TEXT NOT NULL,
            secret_hash BLOB NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NULL,
            revoked_at TEXT NULL);
        CREATE INDEX gov_api_keys_by_user ON gov_api_keys (user_id);
        CREATE TABLE audit_records (
            sequence INTEGER NOT NULL PRIMARY KEY,
            timestamp TEXT NOT NULL,
            tenant_id TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            details_json TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL);
        CREATE TABLE audit_checkpoints (
            sequence INTEGER NOT NULL PRIMARY KEY,
            hash TEXT NOT NULL,
            next_due INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            mac TEXT NOT NULL);
        CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
        CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
        CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
        CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
        """,
        """
        CREATE TABLE gov_acl_overrides (
            tenant_id TEXT NOT NULL,
            kb TEXT NOT NULL,
            document_id TEXT NOT NULL,
            allow_json TEXT NOT NULL,
            deny_json TEXT NOT NULL,
            replaced_allow_json TEXT NOT NULL,
            replaced_deny_json TEXT NOT NULL,
            set_by TEXT NOT NULL,
            set_at TEXT NOT NULL,
            PRIMARY KEY (tenant_id, kb, document_id));
        """,
    ];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _migrated;

    /// <summary>Opens a connection, migrating the module first on the first call of this process.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_migrated)
                {
                    await database.MigrateAsync(Module, Migrations, cancellationToken).ConfigureAwait(false);
                    _migrated = true;
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        return await database.OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a query with one optional <c>$value</c> parameter (SQLite ignores it when unused) and reads every row.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, string? value, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$value", (object?)value ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
