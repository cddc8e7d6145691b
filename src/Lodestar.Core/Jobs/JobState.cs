namespace Lodestar.Core.Jobs;

/// <summary>Where a durable job is in its life: queued, running under a lease, or finished.</summary>
public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
