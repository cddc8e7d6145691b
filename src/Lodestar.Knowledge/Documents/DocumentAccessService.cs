using Lodestar.Core;
using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Knowledge.Documents;

/// <summary>
/// Reads and sets document ACLs outside ingestion. Precedence: an ACL set here overrides the sidecar files
/// (re-ingesting keeps it) until it is cleared, which restores the ingested ACL. The store is updated in the same
/// call and searches read ACLs from the store on every query, so a change applies to the very next query.
/// </summary>
public sealed class DocumentAccessService(IKnowledgeStore store, IAccessControlOverrideStore overrides, IAuditLog audit, TimeProvider time)
{
    public async Task<DocumentAccess> GetAsync(KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken = default)
    {
        var document = await RequireAsync(knowledgeBase, documentId, cancellationToken).ConfigureAwait(false);
        return Describe(document, await overrides.FindAsync(knowledgeBase, document.Id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Overrides the document's ACL. With <paramref name="expectedVersion"/> (HTTP If-Match) the change applies only to the
    /// state the caller read; either way the write is conditional on the state read here, so concurrent writers on any
    /// node never interleave: one wins, the others get a Conflict.
    /// </summary>
    public async Task<DocumentAccess> SetAsync(
        KnowledgeBaseId knowledgeBase, string documentId, IReadOnlyList<string>? allow, IReadOnlyList<string>? deny, Principal actor, string? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var acl = new AccessControlList(Subjects(allow, "allow"), Subjects(deny, "deny"));
        var document = await RequireAsync(knowledgeBase, documentId, cancellationToken).ConfigureAwait(false);
        var previous = await overrides.FindAsync(knowledgeBase, document.Id, cancellationToken).ConfigureAwait(false);
        RequireVersion(document, previous, expectedVersion);

        var value = new AccessControlOverride(document.Id, acl, previous?.Replaced ?? document.Acl, actor.UserId, time.GetUtcNow());
        if (!await overrides.SetAsync(knowledgeBase, value, previous, cancellationToken).ConfigureAwait(false))
        {
            throw LodestarException.Conflict($"the ACL of document '{documentId}' was changed concurrently; read it again and retry");
        }

        await store.SetAccessControlAsync(knowledgeBase, document.Id, acl, cancellationToken).ConfigureAwait(false);
        await AuditAsync(knowledgeBase, document, "acl.changed", acl, actor, cancellationToken).ConfigureAwait(false);
        return new DocumentAccess(document.Id, acl.Allow, acl.Deny, DocumentAccess.OverrideSource, value.SetBy, value.SetAt);
    }

    /// <summary>
    /// Removes the override and restores the ACL ingestion gave the document; conditional like <see cref="SetAsync"/>,
    /// so a clear never undoes a change it did not see.
    /// </summary>
    public async Task<DocumentAccess> ClearAsync(KnowledgeBaseId knowledgeBase, string documentId, Principal actor, string? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var document = await RequireAsync(knowledgeBase, documentId, cancellationToken).ConfigureAwait(false);
        var previous = await overrides.FindAsync(knowledgeBase, document.Id, cancellationToken).ConfigureAwait(false);
        RequireVersion(document, previous, expectedVersion);
        if (previous is null)
        {
            throw LodestarException.NotFound($"document '{documentId}' has no ACL override");
        }

        if (!await overrides.RemoveAsync(knowledgeBase, previous, cancellationToken).ConfigureAwait(false))
        {
            throw LodestarException.Conflict($"the ACL of document '{documentId}' was changed concurrently; read it again and retry");
        }

        await store.SetAccessControlAsync(knowledgeBase, document.Id, previous.Replaced, cancellationToken).ConfigureAwait(false);
        await AuditAsync(knowledgeBase, document, "acl.cleared", previous.Replaced, actor, cancellationToken).ConfigureAwait(false);
        return new DocumentAccess(document.Id, previous.Replaced.Allow, previous.Replaced.Deny, DocumentAccess.IngestSource, null, null);
    }

    /// <summary>The ACL ingestion should store: the override when one is set, else the sidecar ACL.</summary>
    internal async Task<AccessControlList> EffectiveAsync(KnowledgeBaseId knowledgeBase, string documentId, AccessControlList ingested, CancellationToken cancellationToken) =>
        (await overrides.FindAsync(knowledgeBase, documentId, cancellationToken).ConfigureAwait(false))?.Acl ?? ingested;

    private static void RequireVersion(KnowledgeDocument document, AccessControlOverride? current, string? expectedVersion)
    {
        var version = Describe(document, current).Version;
        if (expectedVersion is not null && expectedVersion != version)
        {
            throw LodestarException.Conflict($"the ACL of document '{document.Id}' changed since version {expectedVersion} was read (now {version}); read it again and retry");
        }
    }

    private static DocumentAccess Describe(KnowledgeDocument document, AccessControlOverride? current) =>
        current is null
            ? new DocumentAccess(document.Id, document.Acl.Allow, document.Acl.Deny, DocumentAccess.IngestSource, null, null)
            : new DocumentAccess(document.Id, current.Acl.Allow, current.Acl.Deny, DocumentAccess.OverrideSource, current.SetBy, current.SetAt);

    private async Task<KnowledgeDocument> RequireAsync(KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken) =>
        await store.GetDocumentAsync(knowledgeBase, documentId, cancellationToken).ConfigureAwait(false)
        ?? throw LodestarException.NotFound($"unknown document '{documentId}'");

    private async Task AuditAsync(KnowledgeBaseId knowledgeBase, KnowledgeDocument document, string action, AccessControlList acl, Principal actor, CancellationToken cancellationToken) =>
        await audit.AppendAsync(
            new AuditEvent(knowledgeBase.TenantId, actor.UserId, action, $"document:{knowledgeBase}/{document.Id}", new Dictionary<string, string>
            {
                ["source"] = document.Source,
                ["allow"] = string.Join(',', acl.Allow),
                ["deny"] = string.Join(',', acl.Deny),
            }),
            cancellationToken).ConfigureAwait(false);

    private static string[] Subjects(IReadOnlyList<string>? subjects, string property)
    {
        foreach (var subject in subjects ?? [])
        {
            if (subject is null || !AccessControlResolver.IsSubject(subject))
            {
                throw LodestarException.Invalid($"\"{subject}\" in \"{property}\" is not \"user:ID\" or \"group:NAME\"");
            }
        }

        return [.. (subjects ?? []).Distinct(StringComparer.Ordinal)];
    }
}
