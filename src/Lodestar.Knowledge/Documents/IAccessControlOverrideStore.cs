namespace Lodestar.Knowledge.Documents;

/// <summary>ACLs set over HTTP, which take precedence over sidecar files until cleared; implemented in Lodestar.Storage.</summary>
public interface IAccessControlOverrideStore
{
    Task<AccessControlOverride?> FindAsync(KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or replaces the override of <see cref="AccessControlOverride.DocumentId"/> only if the stored one is still
    /// <paramref name="expected"/> (null: none), as one conditional write; false when another writer got there first.
    /// </summary>
    Task<bool> SetAsync(KnowledgeBaseId knowledgeBase, AccessControlOverride value, AccessControlOverride? expected, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the override of <see cref="AccessControlOverride.DocumentId"/> only if the stored one is still
    /// <paramref name="expected"/>, as one conditional write; false when there is none or another writer changed it.
    /// </summary>
    Task<bool> RemoveAsync(KnowledgeBaseId knowledgeBase, AccessControlOverride expected, CancellationToken cancellationToken = default);
}
