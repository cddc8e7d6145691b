using System.Collections.Concurrent;
using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Sync;
using Microsoft.Extensions.Hosting;

namespace Lodestar.WebConsole.Ingestion;

/// <summary>
/// Runs ingestions started from the console in the background and keeps their progress for the knowledge page.
/// The list lives in this process only: ingestion itself is transactional per file and incremental, so a job cut
/// short by a restart is finished by starting it again.
/// </summary>
internal sealed class IngestionJobs(IngestionService ingestion, IHostApplicationLifetime lifetime, TimeProvider time)
{
    private const int Kept = 20;

    private readonly ConcurrentDictionary<string, IngestionJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>Starts ingesting a server-side folder or file; a path that does not exist is refused at once.</summary>
    public IngestionJob Start(KnowledgeBaseId knowledgeBase, string path, Principal actor)
    {
        if (string.IsNullOrWhiteSpace(path) || !(Directory.Exists(path) || File.Exists(path)))
        {
            throw LodestarException.Invalid($"no such file or folder on the server: '{path}'");
        }

        var job = new IngestionJob(Guid.NewGuid().ToString("n")[..12], actor.TenantId, knowledgeBase.Name, Path.GetFullPath(path), actor.UserId, time.GetUtcNow(), IngestionJobState.Running, null, null, null);
        _jobs[job.Id] = job;
        Trim();
        _ = Task.Run(() => RunAsync(job, knowledgeBase, actor), lifetime.ApplicationStopping);
        return job;
    }

    /// <summary>The tenant's jobs, newest first.</summary>
    public IReadOnlyList<IngestionJob> List(string tenantId) =>
        _jobs.Values.Where(job => job.TenantId == tenantId).OrderByDescending(job => job.StartedAt).ToList();

    private async Task RunAsync(IngestionJob job, KnowledgeBaseId knowledgeBase, Principal actor)
    {
        try
        {
            var progress = new SnapshotProgress(this, job.Id);
            var report = await ingestion.IngestAsync(knowledgeBase, job.Path, actor, progress, lifetime.ApplicationStopping).ConfigureAwait(false);
            Update(job.Id, current => current with { State = IngestionJobState.Succeeded, Report = report });
        }
        catch (Exception exception)
        {
            // Whatever stopped it, the job must not show as running forever: its reason goes to the page.
            Update(job.Id, current => current with { State = IngestionJobState.Failed, Error = exception.Message });
        }
    }

    private void Update(string id, Func<IngestionJob, IngestionJob> change)
    {
        while (_jobs.TryGetValue(id, out var current) && !_jobs.TryUpdate(id, change(current), current))
        {
            // Another update won the race; apply ours to the newer snapshot.
        }
    }

    private void Trim()
    {
        foreach (var old in _jobs.Values.Where(job => job.State != IngestionJobState.Running).OrderByDescending(job => job.StartedAt).Skip(Kept).ToList())
        {
            _jobs.TryRemove(old.Id, out _);
        }
    }

    /// <summary>Reports straight into the job table (no synchronisation context to post to in a background task).</summary>
    private sealed class SnapshotProgress(IngestionJobs jobs, string id) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => jobs.Update(id, current => current with { Progress = value });
    }
}
