namespace Lodestar.Core.Jobs;

/// <summary>
/// A node's claim on a job until it expires. Every later call on the job names the lease, so a node that lost it
/// (it stalled past expiry and another node took the job) can no longer change the job.
/// </summary>
public sealed record JobLease(string JobId, string Type, string TenantId, string CreatedBy, string Payload, int Attempt, string Owner);
