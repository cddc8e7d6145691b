namespace Lodestar.Models.Tracking;

/// <summary>
/// One training execution: what went in (params, dataset fingerprint, code version), what came out (metrics),
/// and how it ended. Params are write-once; a run accepts no more data once it has ended.
/// </summary>
public sealed record Run(
    string Id,
    string ExperimentId,
    string Name,
    RunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string DatasetSha256,
    string CodeVersion,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyList<MetricPoint> Metrics,
    IReadOnlyDictionary<string, string> Tags);
