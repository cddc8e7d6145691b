using Lodestar.Core;
using Lodestar.Core.Jobs;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Sync;

namespace Lodestar.Server.Jobs;

/// <summary>
/// <c>knowledge.ingest</c>: syncs a server-side folder into a knowledge base. Idempotent because ingestion is: a rerun
/// after a node died skips the documents already stored (same content hash) and writes the rest under the same ids.
/// Payload, progress and result follow <see cref="IngestionJobFormat"/>, which the HTTP API and the console read too.
/// </summary>
internal sealed class IngestionJob(IngestionService ingestion) : IJobHandler
{
    public string Type => IngestionJobFormat.JobType;

    public async Task<string> RunAsync(JobLease lease, IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var payload = IngestionJobFormat.ReadPayload(lease.Payload);
        var actor = new Principal(lease.TenantId, payload.UserId, payload.Groups, payload.Roles);
        var report = await ingestion.IngestAsync(
            KnowledgeBaseId.Create(lease.TenantId, payload.KnowledgeBase),
            payload.Path,
            actor,
            new Progress(progress),
            cancellationToken).ConfigureAwait(false);
        return IngestionJobFormat.FormatResult(report);
    }

    /// <summary>Turns file-level progress into one short line, reported synchronously (no thread-pool hop per file).</summary>
    private sealed class Progress(IProgress<string> inner) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => inner.Report(IngestionJobFormat.FormatProgress(value));
    }
}
