namespace Lodestar.Models.Serving;

/// <summary>
/// The persisted state of a named endpoint: which version takes the traffic, an optional canary (a share of the
/// traffic) and shadow (a mirror whose answers are discarded), the SLO, batching and limits, and why it last rolled back.
/// </summary>
public sealed record EndpointDeployment(
    string TenantId,
    string Name,
    ServedVersion Primary,
    ServedVersion? Canary,
    int CanaryWeight,
    ServedVersion? Shadow,
    ServedVersion? PreviousPrimary,
    EndpointSlo Slo,
    int MaxBatchSize,
    int MaxWaitMs,
    int MaxConcurrency,
    double LogSampleRate,
    string? LastRollback,
    DateTimeOffset UpdatedAt,
    long RowVersion = 0);
