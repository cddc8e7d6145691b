namespace Lodestar.Core.Jobs;

/// <summary>A job as listed for its tenant: what anyone may see of it, and the payload it was queued with.</summary>
public sealed record JobEntry(JobInfo Info, string Payload);
