namespace Lodestar.Models.Monitoring;

/// <summary>
/// The drift configuration of one model: which version (<see cref="Reference"/>: an alias or a version number)
/// provides the reference data, where the current window comes from (a CSV path, or the prediction log of the
/// serving endpoint named <see cref="Endpoint"/>: the predictions logged since the last run), how often the scheduler runs it, the statistics options, and the rules.
/// </summary>
public sealed record DriftMonitor(
    string Model,
    string TenantId,
    string Reference,
    string? CurrentPath,
    int? IntervalSeconds,
    IReadOnlyList<DriftRule> Rules,
    string UpdatedBy,
    DriftOptions? Options = null,
    DateTimeOffset? LastRunAt = null,
    string? Endpoint = null);
