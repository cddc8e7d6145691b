using Lodestar.Core;
using Lodestar.Models.Registry;

namespace Lodestar.Models.Tracking;

/// <summary>
/// Experiment tracking as callers with an identity see it (HTTP, MLflow-compatible API): experiments belong to the
/// tenant that created them, and every run is reached through its experiment's owner. Artifacts are content-addressed.
/// </summary>
public sealed class TrackingService(ITrackingStore store, IModelGovernanceStore governance, IRunArtifactStore artifacts, IContentStore content, TimeProvider clock)
{
    /// <summary>Run tag naming the training data's SHA-256 (lineage); MLflow clients may set it at run creation.</summary>
    public const string DatasetTag = "lodestar.dataset_sha256";

    /// <summary>MLflow's tag for the code version (git commit).</summary>
    public const string CommitTag = "mlflow.source.git.commit";

    /// <summary>Creates an experiment; a name already in use (by any tenant) is a Conflict.</summary>
    public async Task<Experiment> CreateExperimentAsync(Principal principal, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw LodestarException.Invalid("an experiment name must be 1-200 characters");
        }

        if ((await store.ListExperimentsAsync(cancellationToken).ConfigureAwait(false)).Any(e => e.Name == name)
            || await governance.ClaimAsync(ResourceKind.Experiment, name, principal.TenantId, cancellationToken).ConfigureAwait(false) != principal.TenantId)
        {
            throw LodestarException.Conflict($"experiment '{name}' already exists");
        }

        return await store.GetOrCreateExperimentAsync(name, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Experiment>> ListExperimentsAsync(Principal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var visible = new List<Experiment>();
        foreach (var experiment in await store.ListExperimentsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await OwnerAsync(experiment, cancellationToken).ConfigureAwait(false) == principal.TenantId)
            {
                visible.Add(experiment);
            }
        }

        return visible;
    }

    public async Task<Experiment> GetExperimentAsync(Principal principal, string? id, string? name, CancellationToken cancellationToken = default)
    {
        var found = (await ListExperimentsAsync(principal, cancellationToken).ConfigureAwait(false)).FirstOrDefault(e => id is not null ? e.Id == id : e.Name == name);
        return found ?? throw LodestarException.NotFound($"experiment '{id ?? name}' does not exist");
    }

    /// <summary>Starts a run; lineage comes from the <see cref="DatasetTag"/> and <see cref="CommitTag"/> tags when given.</summary>
    public async Task<Run> CreateRunAsync(Principal principal, string experimentId, string? name, IReadOnlyDictionary<string, string> tags, DateTimeOffset? startedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var experiment = await GetExperimentAsync(principal, experimentId, null, cancellationToken).ConfigureAwait(false);
        var id = Guid.NewGuid().ToString("N");
        await store.StartRunAsync(id, experiment.Id, string.IsNullOrWhiteSpace(name) ? id[..8] : name, tags.GetValueOrDefault(DatasetTag) ?? string.Empty,
            tags.GetValueOrDefault(CommitTag) ?? string.Empty, startedAt ?? clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var withUser = new Dictionary<string, string>(tags) { ["mlflow.user"] = principal.UserId };
        await store.SetTagsAsync(id, withUser, cancellationToken).ConfigureAwait(false);
        return (await store.GetRunAsync(id, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<Run> GetRunAsync(Principal principal, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var run = string.IsNullOrEmpty(runId) ? null : await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run is null || (await store.ListExperimentsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(e => e.Id == run.ExperimentId) is not { } experiment
            || await OwnerAsync(experiment, cancellationToken).ConfigureAwait(false) != principal.TenantId)
        {
            throw LodestarException.NotFound($"run '{runId}' does not exist");
        }

        return run;
    }

    /// <summary>Runs of the given experiments, newest first.</summary>
    public async Task<IReadOnlyList<Run>> SearchRunsAsync(Principal principal, IReadOnlyList<string> experimentIds, int maxResults, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experimentIds);
        var runs = new List<Run>();
        foreach (var id in experimentIds)
        {
            var experiment = await GetExperimentAsync(principal, id, null, cancellationToken).ConfigureAwait(false);
            runs.AddRange(await store.ListRunsAsync(experiment.Id, cancellationToken).ConfigureAwait(false));
        }

        return runs.OrderByDescending(r => r.StartedAt).Take(Math.Clamp(maxResults, 1, 50_000)).ToList();
    }

    public async Task LogAsync(Principal principal, string runId, IReadOnlyList<MetricPoint> metrics, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tags);
        await GetRunAsync(principal, runId, cancellationToken).ConfigureAwait(false);
        foreach (var key in metrics.Select(m => m.Key).Concat(parameters.Keys).Concat(tags.Keys))
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > 250)
            {
                throw LodestarException.Invalid("metric, param and tag keys must be 1-250 characters");
            }
        }

        if (parameters.Count > 0)
        {
            await store.LogParamsAsync(runId, parameters, cancellationToken).ConfigureAwait(false);
        }

        if (metrics.Count > 0)
        {
            await store.LogMetricsAsync(runId, metrics, cancellationToken).ConfigureAwait(false);
        }

        if (tags.Count > 0)
        {
            await store.SetTagsAsync(runId, tags, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends a running run; a run that is already over is a Conflict.</summary>
    public async Task<Run> EndRunAsync(Principal principal, string runId, RunStatus status, DateTimeOffset? endedAt, CancellationToken cancellationToken = default)
    {
        await GetRunAsync(principal, runId, cancellationToken).ConfigureAwait(false);
        await store.EndRunAsync(runId, status, endedAt ?? clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return (await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<RunComparison> CompareAsync(Principal principal, IReadOnlyList<string> runIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        if (runIds.Count < 2)
        {
            throw LodestarException.Invalid("name at least two runs to compare");
        }

        var runs = new List<Run>(runIds.Count);
        foreach (var id in runIds)
        {
            runs.Add(await GetRunAsync(principal, id, cancellationToken).ConfigureAwait(false));
        }

        return RunComparison.Of(runs);
    }

    /// <summary>Stores an artifact's bytes content-addressed and records it under <paramref name="path"/> of the run.</summary>
    public async Task<RunArtifact> LogArtifactAsync(Principal principal, string runId, string path, Stream bytes, CancellationToken cancellationToken = default)
    {
        await GetRunAsync(principal, runId, cancellationToken).ConfigureAwait(false);
        var clean = CleanPath(path);
        var (sha256, length) = await content.PutAsync(bytes, cancellationToken).ConfigureAwait(false);
        var artifact = new RunArtifact(runId, clean, sha256, length, clock.GetUtcNow());
        await artifacts.RecordAsync(artifact, cancellationToken).ConfigureAwait(false);
        return artifact;
    }

    public async Task<IReadOnlyList<RunArtifact>> ListArtifactsAsync(Principal principal, string runId, CancellationToken cancellationToken = default)
    {
        await GetRunAsync(principal, runId, cancellationToken).ConfigureAwait(false);
        return await artifacts.ListAsync(runId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored file of an artifact, for streaming back.</summary>
    public async Task<(RunArtifact Artifact, string File)> LocateArtifactAsync(Principal principal, string runId, string path, CancellationToken cancellationToken = default)
    {
        var clean = CleanPath(path);
        var artifact = (await ListArtifactsAsync(principal, runId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => a.Path == clean)
            ?? throw LodestarException.NotFound($"run '{runId}' has no artifact '{clean}'");
        return (artifact, await content.LocateAsync(artifact.Sha256, cancellationToken).ConfigureAwait(false));
    }

    private static string CleanPath(string path)
    {
        var segments = (path ?? string.Empty).Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Any(s => s is "." or ".." || s.Any(char.IsControl)) || path!.Length > 500)
        {
            throw LodestarException.Invalid($"'{path}' is not a valid artifact path (relative, no '..', at most 500 characters)");
        }

        return string.Join('/', segments);
    }

    /// <summary>Experiments created before ownership was recorded (by the CLI's training) belong to the default tenant.</summary>
    private async Task<string> OwnerAsync(Experiment experiment, CancellationToken cancellationToken) =>
        await governance.GetOwnerAsync(ResourceKind.Experiment, experiment.Name, cancellationToken).ConfigureAwait(false) ?? Principal.DefaultTenant;
}
