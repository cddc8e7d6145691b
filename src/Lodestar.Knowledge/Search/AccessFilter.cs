using Lodestar.Core;
using Lodestar.Knowledge.Documents;

namespace Lodestar.Knowledge.Search;

/// <summary>
/// Builds the per-query document filter that retrievers apply before ranking, so a user always gets a full
/// top-k of passages they may read. ACLs are read from the store on every query: a changed ACL applies at once.
/// </summary>
internal static class AccessFilter
{
    /// <summary>Null when the principal may read everything (an administrator of the tenant).</summary>
    public static async Task<Func<string, bool>?> CreateAsync(IKnowledgeStore store, KnowledgeBaseId knowledgeBase, Principal principal, CancellationToken cancellationToken)
    {
        if (principal.TenantId != knowledgeBase.TenantId)
        {
            return static _ => false;
        }

        if (principal.IsAdministrator)
        {
            return null;
        }

        var acls = await store.GetAccessControlAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
        // Documents share few distinct ACLs: decide each ACL once per query.
        var decisions = new Dictionary<AccessControlList, bool>();
        var readable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (documentId, acl) in acls)
        {
            if (!decisions.TryGetValue(acl, out var permitted))
            {
                permitted = acl.Permits(principal);
                decisions[acl] = permitted;
            }

            if (permitted)
            {
                readable.Add(documentId);
            }
        }

        return readable.Contains;
    }
}
