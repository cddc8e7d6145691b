using Lodestar.Core;
using Lodestar.Core.Jobs;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Sync;

namespace Lodestar.WebConsole.Ingestion;

/// <summary>
/// Ingestions started from the console run as durable <c>knowledge.ingest</c> jobs, the same ones the HTTP API queues:
/// any node's worker may run them, a job cut short by a restart is leased again, and the page reads their progress,
/// report and failure from the queue, so every node shows the same list.
/// </summary>
internal sealed class IngestionJobs(IJobQueue queue)
{
    private const int Shown = 20;

    /// <summary>Queues ingesting a server-side folder or file; a path that does not exist is refused at once.</summary>
    public async Task<JobInfo> StartAsync(KnowledgeBaseId knowledgeBase, string path, Principal actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(path) || !(Directory.Exists(path) || File.Exists(path)))
        {
            throw LodestarException.Invalid($"no such file or folder on the server: '{path}'");
        }

        return await queue.EnqueueAsync(IngestionJobFormat.JobType, actor.TenantId, actor.UserId,
            IngestionJobFormat.CreatePayload(knowledgeBase, Path.GetFullPath(path), actor), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant's newest ingestion jobs (from the console or the API), newest first.</summary>
    public async Task<IReadOnlyList<IngestionJob>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        var entries = await queue.ListAsync(tenantId, IngestionJobFormat.JobType, Shown, cancellationToken).ConfigureAwait(false);
        var jobs = new List<IngestionJob>(entries.Count);
        foreach (var (info, payload) in entries)
        {
            var request = IngestionJobFormat.ReadPayload(payload);
            jobs.Add(new IngestionJob(info.Id, request.KnowledgeBase, request.Path, info.CreatedBy, info.CreatedAt, StateOf(info.State),
                IngestionJobFormat.ParseProgress(info.Progress), IngestionJobFormat.ReadResult(info.Result), info.Error));
        }

        return jobs;
    }

    private static IngestionJobState StateOf(JobState state) => state switch
    {
        JobState.Queued => IngestionJobState.Queued,
        JobState.Running => IngestionJobState.Running,
        JobState.Succeeded => IngestionJobState.Succeeded,
        _ => IngestionJobState.Failed,
    };
}
