using Lodestar.Core;

namespace Lodestar.Knowledge.Documents;

/// <summary>
/// The system of record for knowledge bases: documents, chunks, ACLs and an ordered change log.
/// Every write is atomic and appends to the change log, which search indexes replay.
/// </summary>
public interface IKnowledgeStore
{
    /// <summary>Fingerprints of the documents that came from <paramref name="origin"/>.</summary>
    Task<IReadOnlyList<DocumentFingerprint>> ListFingerprintsAsync(KnowledgeBaseId knowledgeBase, string origin, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a document with all its chunks in one transaction.</summary>
    Task UpsertDocumentAsync(KnowledgeDocument document, IReadOnlyList<DocumentChunk> chunks, CancellationToken cancellationToken = default);

    /// <summary>Replaces a document's ACL; returns false when the document does not exist.</summary>
    Task<bool> SetAccessControlAsync(KnowledgeBaseId knowledgeBase, string documentId, AccessControlList acl, CancellationToken cancellationToken = default);

    /// <summary>Deletes a document and its chunks; returns false when it did not exist.</summary>
    Task<bool> DeleteDocumentAsync(KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken = default);

    Task<KnowledgeDocument?> GetDocumentAsync(KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<KnowledgeDocument>> ListDocumentsAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DocumentChunk>> GetDocumentChunksAsync(KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken = default);

    /// <summary>The passages with these chunk ids that exist in the knowledge base, in no particular order.</summary>
    Task<IReadOnlyList<PassageContext>> GetPassagesAsync(KnowledgeBaseId knowledgeBase, IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken = default);

    /// <summary>Document id to ACL for every document of the knowledge base.</summary>
    Task<IReadOnlyDictionary<string, AccessControlList>> GetAccessControlAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default);

    /// <summary>Changes after <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<DocumentChange>> ReadChangesAsync(KnowledgeBaseId knowledgeBase, long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>The sequence of the newest change, 0 when none.</summary>
    Task<long> GetLatestSequenceAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> ListKnowledgeBasesAsync(string tenantId, CancellationToken cancellationToken = default);
}
