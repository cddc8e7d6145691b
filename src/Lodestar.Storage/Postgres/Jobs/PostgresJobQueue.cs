using Lodestar.Core.Jobs;
using Lodestar.Storage.Jobs;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Jobs;

/// <summary>
/// Durable jobs in PostgreSQL. Nodes lease with <c>FOR UPDATE SKIP LOCKED</c>, so two nodes never take the same job and
/// never wait on each other; lease expiry is judged by the database clock, so node clock skew cannot steal a live lease.
/// </summary>
internal sealed class PostgresJobQueue(PostgresDatabase database) : IJobQueue
{
    private static readonly PostgresModule Module = new("jobs",
    [
        """
        CREATE TABLE jobs (
            id TEXT PRIMARY KEY,
            seq BIGINT GENERATED ALWAYS AS IDENTITY,
            type TEXT NOT NULL,
            tenant_id TEXT NOT NULL,
            created_by TEXT NOT NULL,
            payload TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            max_attempts INTEGER NOT NULL,
            owner TEXT NULL,
            lease_until TIMESTAMPTZ NULL,
            progress TEXT NULL,
            result TEXT NULL,
            error TEXT NULL,
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            updated_at TIMESTAMPTZ NOT NULL DEFAULT now());
        CREATE INDEX jobs_runnable ON jobs (type, seq) WHERE state IN ('queued', 'running');
        """,
    ]);

    public Task<JobInfo> EnqueueAsync(string type, string tenantId, string createdBy, string payload, CancellationToken cancellationToken = default)
    {
        JobRows.Validate(type, tenantId, createdBy, payload);
        return database.WriteAsync(Module, async (connection, transaction, token) =>
            (await QueryAsync(connection, transaction,
                $"INSERT INTO jobs (id, type, tenant_id, created_by, payload, state, max_attempts) VALUES (@id, @type, @tenant, @by, @payload, 'queued', @max) RETURNING {JobRows.Columns}",
                JobRows.Read, token, ("id", "job_" + Guid.NewGuid().ToString("N")), ("type", type), ("tenant", tenantId), ("by", createdBy), ("payload", payload),
                ("max", JobDefaults.MaxAttempts)).ConfigureAwait(false))[0],
            cancellationToken);
    }

    public async Task<JobInfo?> GetAsync(string jobId, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(Module, (connection, token) =>
            QueryAsync(connection, null, $"SELECT {JobRows.Columns} FROM jobs WHERE id = @id", JobRows.Read, token, ("id", jobId)), cancellationToken).ConfigureAwait(false))
        .FirstOrDefault();

    public async Task<IReadOnlyList<JobEntry>> ListAsync(string tenantId, string type, int limit, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) =>
            QueryAsync(connection, null, $"SELECT {JobRows.EntryColumns} FROM jobs WHERE tenant_id = @tenant AND type = @type ORDER BY seq DESC LIMIT @limit", JobRows.ReadEntry, token,
                ("tenant", tenantId), ("type", type), ("limit", JobRows.ValidateLimit(limit))), cancellationToken).ConfigureAwait(false);

    public async Task<JobLease?> TryLeaseAsync(string owner, IReadOnlyCollection<string> types, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        JobRows.ValidateLease(leaseDuration);
        var typeArray = types.ToArray();
        var leases = await database.WriteAsync(Module, async (connection, transaction, token) =>
        {
            // Jobs whose node died on the last allowed attempt fail here instead of running a third time.
            await ExecuteAsync(connection, transaction,
                """
                UPDATE jobs SET state = 'failed', error = @abandoned, owner = NULL, lease_until = NULL, updated_at = now()
                WHERE id IN (SELECT id FROM jobs WHERE state = 'running' AND lease_until < now() AND attempts >= max_attempts AND type = ANY(@types) FOR UPDATE SKIP LOCKED)
                """,
                token, ("abandoned", JobDefaults.AbandonedError), ("types", typeArray)).ConfigureAwait(false);
            return await QueryAsync(connection, transaction,
                $"""
                UPDATE jobs SET state = 'running', attempts = attempts + 1, owner = @owner, lease_until = now() + @lease, updated_at = now()
                WHERE id = (
                    SELECT id FROM jobs
                    WHERE type = ANY(@types) AND (state = 'queued' OR (state = 'running' AND lease_until < now() AND attempts < max_attempts))
                    ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING {JobRows.LeaseColumns}
                """,
                r => JobRows.ReadLease(r, owner), token, ("owner", owner), ("lease", leaseDuration), ("types", typeArray)).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return leases.FirstOrDefault();
    }

    public Task<bool> HeartbeatAsync(JobLease lease, string? progress, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        JobRows.ValidateLease(leaseDuration);
        return UpdateLeasedAsync(lease, "lease_until = now() + @lease, progress = COALESCE(@progress, progress)", cancellationToken, ("lease", leaseDuration), ("progress", JobRows.Clip(progress)));
    }

    public Task<bool> CompleteAsync(JobLease lease, string result, CancellationToken cancellationToken = default) =>
        UpdateLeasedAsync(lease, "state = 'succeeded', result = @result, owner = NULL, lease_until = NULL", cancellationToken, ("result", result));

    public Task<bool> FailAsync(JobLease lease, string error, bool retry, CancellationToken cancellationToken = default) =>
        UpdateLeasedAsync(lease,
            "state = CASE WHEN @retry AND attempts < max_attempts THEN 'queued' ELSE 'failed' END, error = @error, owner = NULL, lease_until = NULL",
            cancellationToken, ("error", error), ("retry", retry));

    /// <summary>Changes the job only while <paramref name="lease"/> still holds it (same owner, same attempt, still running).</summary>
    private Task<bool> UpdateLeasedAsync(JobLease lease, string set, CancellationToken cancellationToken, params (string Name, object? Value)[] extra)
    {
        ArgumentNullException.ThrowIfNull(lease);
        (string, object?)[] parameters = [("id", lease.JobId), ("owner", lease.Owner), ("attempt", lease.Attempt), .. extra];
        return database.WriteAsync(Module, async (connection, transaction, token) =>
            await ExecuteAsync(connection, transaction, $"UPDATE jobs SET {set}, updated_at = now() WHERE id = @id AND owner = @owner AND attempts = @attempt AND state = 'running'", token, parameters).ConfigureAwait(false) == 1,
            cancellationToken);
    }
}
