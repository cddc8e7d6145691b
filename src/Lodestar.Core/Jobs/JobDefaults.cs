namespace Lodestar.Core.Jobs;

/// <summary>Shared job settings: a job whose node died is retried exactly once more.</summary>
public static class JobDefaults
{
    public const int MaxAttempts = 2;

    /// <summary>The message of a job failed because its lease expired on every attempt.</summary>
    public const string AbandonedError = "the node running this job stopped responding on every attempt";
}
