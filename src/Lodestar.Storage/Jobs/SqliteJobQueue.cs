using System.Globalization;
using Lodestar.Core.Jobs;
using Lodestar.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Jobs;

/// <summary>
/// Durable jobs for one node in the embedded SQLite database. Leasing runs inside BEGIN IMMEDIATE, which serialises
/// the processes sharing the file; a job survives a crash and is leased again once its lease expires.
/// </summary>
internal sealed class SqliteJobQueue(SqliteDatabase database, TimeProvider clock) : IJobQueue
{
    private const string Module = "jobs";

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE jobs (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            tenant_id TEXT NOT NULL,
            created_by TEXT NOT NULL,
            payload TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            max_attempts INTEGER NOT NULL,
            owner TEXT NULL,
            lease_until_ms INTEGER NULL,
            progress TEXT NULL,
            result TEXT NULL,
            error TEXT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE INDEX jobs_runnable ON jobs (state, type, seq);
        """,
    ];

    public async Task<JobInfo> EnqueueAsync(string type, string tenantId, string createdBy, string payload, CancellationToken cancellationToken = default)
    {
        JobRows.Validate(type, tenantId, createdBy, payload);
        var id = "job_" + Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenAsync(Module, Migrations, cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "INSERT INTO jobs (id, type, tenant_id, created_by, payload, state, max_attempts, created_at, updated_at) VALUES ($id, $type, $tenant, $by, $payload, 'queued', $max, $now, $now)",
            ("$id", id), ("$type", type), ("$tenant", tenantId), ("$by", createdBy), ("$payload", payload), ("$max", JobDefaults.MaxAttempts), ("$now", Now()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return (await GetAsync(id, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<JobInfo?> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(Module, Migrations, cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {JobRows.Columns} FROM jobs WHERE id = $id", ("$id", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? JobRows.Read(reader) : null;
    }

    public async Task<IReadOnlyList<JobEntry>> ListAsync(string tenantId, string type, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(Module, Migrations, cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {JobRows.EntryColumns} FROM jobs WHERE tenant_id = $tenant AND type = $type ORDER BY seq DESC LIMIT $limit",
            ("$tenant", tenantId), ("$type", type), ("$limit", JobRows.ValidateLimit(limit)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<JobEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(JobRows.ReadEntry(reader));
        }

        return entries;
    }

    public async Task<JobLease?> TryLeaseAsync(string owner, IReadOnlyCollection<string> types, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        JobRows.ValidateLease(leaseDuration);
        ArgumentNullException.ThrowIfNull(types);
        if (types.Count == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var typeList = string.Join(", ", types.Select((_, i) => "$t" + i));
        var typeParameters = types.Select((type, i) => ("$t" + i, (object?)type)).ToArray();
        await using var connection = await database.OpenAsync(Module, Migrations, cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var abandon = Command(connection, transaction,
            $"UPDATE jobs SET state = 'failed', error = $abandoned, owner = NULL, lease_until_ms = NULL, updated_at = $now WHERE state = 'running' AND lease_until_ms < $nowMs AND attempts >= max_attempts AND type IN ({typeList})",
            [("$abandoned", JobDefaults.AbandonedError), ("$now", Now()), ("$nowMs", nowMs), .. typeParameters]))
        {
            await abandon.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        JobLease? lease = null;
        await using (var take = Command(connection, transaction,
            $"""
            UPDATE jobs SET state = 'running', attempts = attempts + 1, owner = $owner, lease_until_ms = $until, updated_at = $now
            WHERE seq = (SELECT seq FROM jobs WHERE type IN ({typeList}) AND (state = 'queued' OR (state = 'running' AND lease_until_ms < $nowMs AND attempts < max_attempts)) ORDER BY seq LIMIT 1)
            RETURNING {JobRows.LeaseColumns}
            """,
            [("$owner", owner), ("$until", nowMs + (long)leaseDuration.TotalMilliseconds), ("$now", Now()), ("$nowMs", nowMs), .. typeParameters]))
        {
            await using var reader = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lease = JobRows.ReadLease(reader, owner);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return lease;
    }

    public Task<bool> HeartbeatAsync(JobLease lease, string? progress, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        JobRows.ValidateLease(leaseDuration);
        return UpdateLeasedAsync(lease, "lease_until_ms = $until, progress = COALESCE($progress, progress)", cancellationToken,
            ("$until", clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)leaseDuration.TotalMilliseconds), ("$progress", JobRows.Clip(progress)));
    }

    public Task<bool> CompleteAsync(JobLease lease, string result, CancellationToken cancellationToken = default) =>
        UpdateLeasedAsync(lease, "state = 'succeeded', result = $result, owner = NULL, lease_until_ms = NULL", cancellationToken, ("$result", result));

    public Task<bool> FailAsync(JobLease lease, string error, bool retry, CancellationToken cancellationToken = default) =>
        UpdateLeasedAsync(lease,
            "state = CASE WHEN $retry AND attempts < max_attempts THEN 'queued' ELSE 'failed' END, error = $error, owner = NULL, lease_until_ms = NULL",
            cancellationToken, ("$error", error), ("$retry", retry));

    private async Task<bool> UpdateLeasedAsync(JobLease lease, string set, CancellationToken cancellationToken, params (string Name, object? Value)[] extra)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = await database.OpenAsync(Module, Migrations, cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"UPDATE jobs SET {set}, updated_at = $now WHERE id = $id AND owner = $owner AND attempts = $attempt AND state = 'running'",
            [("$id", lease.JobId), ("$owner", lease.Owner), ("$attempt", lease.Attempt), ("$now", Now()), .. extra]);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private string Now() => clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
