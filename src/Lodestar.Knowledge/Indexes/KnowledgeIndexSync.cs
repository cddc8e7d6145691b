using Lodestar.Knowledge.Documents;

namespace Lodestar.Knowledge.Indexes;

/// <summary>
/// Brings this node's local indexes of a knowledge base up to date with the store's change log ahead of queries,
/// for hosts that follow the log (several nodes on one shared store) and for readiness checks.
/// </summary>
public sealed class KnowledgeIndexSync
{
    private readonly KnowledgeIndexRegistry _indexes;

    internal KnowledgeIndexSync(KnowledgeIndexRegistry indexes) => _indexes = indexes;

    /// <summary>Opens (loading or rebuilding) the knowledge base's indexes and replays the changes they have not applied.</summary>
    public Task CatchUpAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default) =>
        _indexes.GetCurrentAsync(knowledgeBase, cancellationToken);
}
