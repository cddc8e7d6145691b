namespace Lodestar.Models.Tracking;

/// <summary>Which artifacts each run logged; the bytes live in the <see cref="IContentStore"/>.</summary>
public interface IRunArtifactStore
{
    /// <summary>Records (or replaces) the artifact at <see cref="RunArtifact.Path"/> of its run.</summary>
    Task RecordAsync(RunArtifact artifact, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RunArtifact>> ListAsync(string runId, CancellationToken cancellationToken = default);
}
