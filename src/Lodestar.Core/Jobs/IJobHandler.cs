namespace Lodestar.Core.Jobs;

/// <summary>Runs one type of job. Register implementations in DI; every node's worker runs the types it has handlers for.</summary>
public interface IJobHandler
{
    /// <summary>The job type this handler runs, e.g. <c>knowledge.ingest</c>.</summary>
    string Type { get; }

    /// <summary>
    /// Runs the job and returns its result (JSON by convention). Must be idempotent: after a node dies the job runs
    /// again from the start. Throw <see cref="LodestarException"/> for a failure retrying cannot fix.
    /// </summary>
    Task<string> RunAsync(JobLease lease, IProgress<string> progress, CancellationToken cancellationToken);
}
