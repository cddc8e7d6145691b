namespace Lodestar.Models.Tracking;

/// <summary>Experiment tracking persistence. Runs only grow: params are write-once, metrics append, ended runs are frozen.</summary>
public interface ITrackingStore
{
    /// <summary>The experiment named <paramref name="name"/>, created on first use.</summary>
    Task<Experiment> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Experiment>> ListExperimentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a new run in status Running. The id must be new.</summary>
    Task StartRunAsync(string runId, string experimentId, string name, string datasetSha256, string codeVersion, DateTimeOffset startedAt, CancellationToken cancellationToken = default);

    /// <summary>Adds params; re-logging a key with a different value is a conflict (they describe what ran).</summary>
    Task LogParamsAsync(string runId, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default);

    Task LogMetricsAsync(string runId, IReadOnlyList<MetricPoint> metrics, CancellationToken cancellationToken = default);

    Task SetTagsAsync(string runId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default);

    /// <summary>Ends a running run; ending it twice is a conflict.</summary>
    Task EndRunAsync(string runId, RunStatus status, DateTimeOffset endedAt, CancellationToken cancellationToken = default);

    Task<Run?> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Runs of an experiment, newest first.</summary>
    Task<IReadOnlyList<Run>> ListRunsAsync(string experimentId, CancellationToken cancellationToken = default);
}
