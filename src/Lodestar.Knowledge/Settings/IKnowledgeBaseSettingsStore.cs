using Lodestar.Knowledge.Documents;

namespace Lodestar.Knowledge.Settings;

/// <summary>Per-knowledge-base settings in the system of record (shared by every node); implemented in Storage.</summary>
public interface IKnowledgeBaseSettingsStore
{
    /// <summary>The saved settings, or null when the knowledge base has none (it runs on the defaults).</summary>
    Task<StoredKnowledgeBaseSettings?> GetAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default);

    /// <summary>Replaces the knowledge base's settings and returns them with their new version.</summary>
    Task<StoredKnowledgeBaseSettings> SetAsync(KnowledgeBaseId knowledgeBase, KnowledgeBaseSettings settings, string updatedBy, CancellationToken cancellationToken = default);
}
