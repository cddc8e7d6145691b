using System.Text.Json;
using Lodestar.Core;
using Lodestar.Core.Jobs;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Indexes;
using Lodestar.Knowledge.Settings;

namespace Lodestar.Server.Jobs;

/// <summary>
/// <c>knowledge.reembed</c>: builds a knowledge base's vectors with its newly configured embedding model beside the
/// serving ones (progress "done/total chunks" on the job), then switches search over. Idempotent: a rerun after a node
/// died resumes the build from its last commit, and a build already complete reports that there was nothing to do.
/// </summary>
internal sealed class ReembeddingJob(KnowledgeIndexSync indexes) : IJobHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Type => KnowledgeSettingsService.ReembedJobType;

    public async Task<string> RunAsync(JobLease lease, IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var payload = JsonSerializer.Deserialize<Payload>(lease.Payload, Json);
        if (string.IsNullOrWhiteSpace(payload?.KnowledgeBase))
        {
            throw LodestarException.Invalid("the re-embedding job names no knowledge base");
        }

        var outcome = await indexes.ReembedAsync(KnowledgeBaseId.Create(lease.TenantId, payload.KnowledgeBase), progress, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Serialize(new { outcome }, Json);
    }

    private sealed record Payload(string? KnowledgeBase);
}
