using System.Collections.Concurrent;
using Lodestar.Core;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Lodestar.Storage.Postgres;

/// <summary>
/// The shared system of record for several nodes: one pooled <see cref="NpgsqlDataSource"/>. Each store owns a
/// module of the schema and its ordered migrations, applied once per process under a transaction-scoped advisory
/// lock, so nodes starting together migrate one after the other. Connection failures surface as
/// <see cref="ErrorKind.Unavailable"/> (HTTP 503) instead of leaking driver errors.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private const int DefaultConnectTimeoutSeconds = 3;

    private readonly ConcurrentDictionary<string, Lazy<Task>> _migratedModules = new(StringComparer.Ordinal);
    private readonly ResiliencePipeline _readRetry;

    public PostgresDatabase(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException error)
        {
            throw LodestarException.Invalid("the PostgreSQL connection string is not valid: " + error.Message);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw LodestarException.Invalid("the PostgreSQL connection string names no Host");
        }

        builder.ApplicationName ??= "lodestar";
        if (!new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.ContainsKey("Timeout"))
        {
            // Npgsql waits 15 s to connect by default; an unreachable server should cost a request seconds, not a minute of retries.
            builder.Timeout = DefaultConnectTimeoutSeconds;
        }

        ConnectionString = builder.ConnectionString;
        DataSource = NpgsqlDataSource.Create(builder);
        // Only idempotent reads retry, briefly: during an outage callers should get a fast 503, not a hang.
        _readRetry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(PostgresFailures.IsTransient),
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
            })
            .Build();
    }

    /// <summary>The effective connection string (with defaults filled in).</summary>
    public string ConnectionString { get; }

    internal NpgsqlDataSource DataSource { get; }

    /// <summary>Runs an idempotent read on a pooled connection, retrying transient failures briefly.</summary>
    internal async Task<T> ReadAsync<T>(PostgresModule module, Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureMigratedAsync(module, cancellationToken).ConfigureAwait(false);
            return await _readRetry.ExecuteAsync(
                async token =>
                {
                    await using var connection = await DataSource.OpenConnectionAsync(token).ConfigureAwait(false);
                    return await read(connection, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException error) when (PostgresFailures.IsOutage(error))
        {
            throw PostgresFailures.Unavailable(error);
        }
    }

    /// <summary>Runs <paramref name="write"/> in one transaction; never retried, since a write may have committed before the failure.</summary>
    internal async Task<T> WriteAsync<T>(PostgresModule module, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureMigratedAsync(module, cancellationToken).ConfigureAwait(false);
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await write(connection, transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (NpgsqlException error) when (PostgresFailures.IsOutage(error))
        {
            throw PostgresFailures.Unavailable(error);
        }
    }

    /// <summary>Applies the migrations of <paramref name="module"/> that have not run yet. Safe to call from several nodes at once.</summary>
    public async Task MigrateAsync(string module, IReadOnlyList<string> migrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The lock (released at commit) is per schema, so test schemas and tenants' schemas do not wait on each other.
        await Execute(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':lodestar-migrations'))", cancellationToken).ConfigureAwait(false);
        await Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (module, version))", cancellationToken).ConfigureAwait(false);
        await using var query = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE module = @module", connection, transaction);
        query.Parameters.AddWithValue("module", module);
        var applied = (int)(await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        for (var version = applied + 1; version <= migrations.Count; version++)
        {
            await Execute(connection, transaction, migrations[version - 1], cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (module, version) VALUES (@module, @version)", connection, transaction);
            record.Parameters.AddWithValue("module", module);
            record.Parameters.AddWithValue("version", version);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    private async Task EnsureMigratedAsync(PostgresModule module, CancellationToken cancellationToken)
    {
        var migrated = _migratedModules.GetOrAdd(module.Name, _ => new Lazy<Task>(() => MigrateAsync(module.Name, module.Migrations, CancellationToken.None)));
        try
        {
            await migrated.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // A migration that failed (e.g. the server was down) is retried by the next caller instead of being cached.
            _migratedModules.TryRemove(module.Name, out _);
            throw;
        }
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
