namespace Lodestar.Core.Jobs;

/// <summary>
/// Durable background jobs shared by every node: any node may lease any queued job; a job whose node died (its
/// lease expired without a heartbeat) is leased again until <see cref="JobInfo.MaxAttempts"/> is reached, then fails.
/// Handlers must therefore be idempotent.
/// </summary>
public interface IJobQueue
{
    /// <summary>Queues a job; <paramref name="payload"/> is the handler's input (JSON by convention).</summary>
    Task<JobInfo> EnqueueAsync(string type, string tenantId, string createdBy, string payload, CancellationToken cancellationToken = default);

    Task<JobInfo?> GetAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>A tenant's newest jobs of one type with their payloads, newest first (the console's job list).</summary>
    Task<IReadOnlyList<JobEntry>> ListAsync(string tenantId, string type, int limit, CancellationToken cancellationToken = default);

    /// <summary>Leases the oldest runnable job of one of <paramref name="types"/>, or returns null when there is none.</summary>
    Task<JobLease?> TryLeaseAsync(string owner, IReadOnlyCollection<string> types, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Extends the lease and records progress; false when the lease was lost (stop working on the job).</summary>
    Task<bool> HeartbeatAsync(JobLease lease, string? progress, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Marks the job succeeded; false when the lease was lost.</summary>
    Task<bool> CompleteAsync(JobLease lease, string result, CancellationToken cancellationToken = default);

    /// <summary>Fails the attempt: re-queues it when <paramref name="retry"/> and attempts remain, else fails the job. False when the lease was lost.</summary>
    Task<bool> FailAsync(JobLease lease, string error, bool retry, CancellationToken cancellationToken = default);
}
