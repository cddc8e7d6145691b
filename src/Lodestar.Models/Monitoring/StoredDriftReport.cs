namespace Lodestar.Models.Monitoring;

/// <summary>A drift report kept in the store: which version's reference data it compared with which current window, and what it triggered.</summary>
public sealed record StoredDriftReport(
    string Id,
    string Model,
    int Version,
    string Current,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DriftReport Report,
    IReadOnlyList<DriftActionOutcome> Actions);
