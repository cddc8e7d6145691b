using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Sqlite.Models;

/// <summary>Shared plumbing of the model stores: migrate once per process, open connections, run parameterised SQL.</summary>
internal abstract class SqliteStoreBase(SqliteDatabase database, string module, IReadOnlyList<string> migrations)
{
    private readonly SemaphoreSlim _migrateLock = new(1, 1);
    private volatile bool _migrated;

    protected async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await _migrateLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_migrated)
                {
                    await database.MigrateAsync(module, migrations, cancellationToken).ConfigureAwait(false);
                    _migrated = true;
                }
            }
            finally
            {
                _migrateLock.Release();
            }
        }

        return await database.OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    protected static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>BEGIN IMMEDIATE: take the write lock up front so read-then-write sequences cannot interleave.</summary>
    protected static SqliteTransaction BeginWrite(SqliteConnection connection) => connection.BeginTransaction(deferred: false);

    protected static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    protected static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
