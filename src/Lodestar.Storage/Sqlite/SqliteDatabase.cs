using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Sqlite;

/// <summary>
/// The embedded system of record: one SQLite file in WAL mode. Each store owns a module of the schema
/// and brings its migrations; they are applied once, in order, inside one write transaction.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly ConcurrentDictionary<string, Lazy<Task>> _migratedModules = new(StringComparer.Ordinal);

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        FilePath = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        // WAL lets readers run beside one writer; busy_timeout makes a second writer wait instead of failing.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Opens a connection after making sure <paramref name="module"/>'s schema is current (migrated once per process).</summary>
    public async Task<SqliteConnection> OpenAsync(string module, IReadOnlyList<string> migrations, CancellationToken cancellationToken = default)
    {
        var migrated = _migratedModules.GetOrAdd(module, _ => new Lazy<Task>(() => MigrateAsync(module, migrations, CancellationToken.None)));
        try
        {
            await migrated.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            // A failed migration is retried by the next caller instead of being cached forever.
            _migratedModules.TryRemove(module, out _);
            throw;
        }

        return await OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies the migrations of <paramref name="module"/> that have not run yet. Safe to call at every start.</summary>
    public async Task MigrateAsync(string module, IReadOnlyList<string> migrations, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (module, version))";
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long applied;
        await using (var query = connection.CreateCommand())
        {
            query.Transaction = transaction;
            query.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE module = $module";
            query.Parameters.AddWithValue("$module", module);
            applied = (long)(await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        for (var version = (int)applied + 1; version <= migrations.Count; version++)
        {
            await using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = migrations[version - 1];
            await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (module, version, applied_at) VALUES ($module, $version, $at)";
            record.Parameters.AddWithValue("$module", module);
            record.Parameters.AddWithValue("$version", version);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
