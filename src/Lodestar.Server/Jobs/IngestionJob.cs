using System.Globalization;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Core.Jobs;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Sync;

namespace Lodestar.Server.Jobs;

/// <summary>
/// <c>knowledge.ingest</c>: syncs a server-side folder into a knowledge base. Idempotent because ingestion is: a rerun
/// after a node died skips the documents already stored (same content hash) and writes the rest under the same ids.
/// </summary>
internal sealed class IngestionJob(IngestionService ingestion) : IJobHandler
{
    public const string JobType = "knowledge.ingest";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Type => JobType;

    /// <summary>The payload: who asked (their roles then), which knowledge base, which path (visible to every node).</summary>
    internal sealed record Payload(string KnowledgeBase, string Path, string UserId, IReadOnlyList<string> Groups, IReadOnlyList<string> Roles);

    public static string CreatePayload(KnowledgeBaseId knowledgeBase, string path, Principal actor) =>
        JsonSerializer.Serialize(new Payload(knowledgeBase.Name, path, actor.UserId, actor.Groups, actor.Roles), Json);

    public async Task<string> RunAsync(JobLease lease, IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var payload = JsonSerializer.Deserialize<Payload>(lease.Payload, Json) ?? throw LodestarException.Invalid("the ingestion job has no payload");
        var actor = new Principal(lease.TenantId, payload.UserId, payload.Groups, payload.Roles);
        var report = await ingestion.IngestAsync(
            KnowledgeBaseId.Create(lease.TenantId, payload.KnowledgeBase),
            payload.Path,
            actor,
            new Progress(progress),
            cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Serialize(report, Json);
    }

    /// <summary>Turns file-level progress into one short line, reported synchronously (no thread-pool hop per file).</summary>
    private sealed class Progress(IProgress<string> inner) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) =>
            inner.Report(string.Create(CultureInfo.InvariantCulture, $"{value.FilesDone}/{value.FilesTotal} files, {value.BytesDone}/{value.BytesTotal} bytes"));
    }
}
