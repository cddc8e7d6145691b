namespace Lodestar.Models.Scoring;

/// <summary>Where scoring jobs and their checkpoints persist.</summary>
public interface IScoringJobStore
{
    Task<ScoringJob?> GetJobAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ScoringJob>> ListJobsAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the job row (one transaction, so a checkpoint is all or nothing).</summary>
    Task SaveJobAsync(ScoringJob job, CancellationToken cancellationToken = default);
}
