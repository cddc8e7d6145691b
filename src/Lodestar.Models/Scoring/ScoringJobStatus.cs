namespace Lodestar.Models.Scoring;

/// <summary>Where a batch scoring job is; a Running job whose process died is resumed from its checkpoint.</summary>
public enum ScoringJobStatus
{
    Running,
    Completed,
    Failed,
}
