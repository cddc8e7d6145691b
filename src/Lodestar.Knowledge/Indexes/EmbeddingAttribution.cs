using Lodestar.Knowledge.Documents;
using Microsoft.Extensions.AI;

namespace Lodestar.Knowledge.Indexes;

/// <summary>
/// Tells whoever wraps the embedding generator (the host meters usage) which tenant and knowledge base a call is for
/// and why, through <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>; the generator itself ignores them.
/// </summary>
public static class EmbeddingAttribution
{
    /// <summary>Embedding documents' chunks into the index.</summary>
    public const string Ingest = "ingest";

    /// <summary>Embedding a query (dense search, reranking).</summary>
    public const string Query = "query";

    private const string TenantKey = "lodestar.tenant";
    private const string KnowledgeBaseKey = "lodestar.kb";
    private const string PurposeKey = "lodestar.purpose";

    public static EmbeddingGenerationOptions For(KnowledgeBaseId knowledgeBase, string purpose) => new()
    {
        AdditionalProperties = new AdditionalPropertiesDictionary
        {
            [TenantKey] = knowledgeBase.TenantId,
            [KnowledgeBaseKey] = knowledgeBase.Name,
            [PurposeKey] = purpose,
        },
    };

    /// <summary>The knowledge base and purpose <see cref="For"/> put into <paramref name="options"/>, or false for an unattributed call.</summary>
    public static bool TryRead(EmbeddingGenerationOptions? options, out KnowledgeBaseId knowledgeBase, out string purpose)
    {
        var properties = options?.AdditionalProperties;
        if (properties is not null && properties.TryGetValue(TenantKey, out string? tenant) && properties.TryGetValue(KnowledgeBaseKey, out string? name)
            && properties.TryGetValue(PurposeKey, out string? why) && tenant is not null && name is not null && why is not null)
        {
            knowledgeBase = new KnowledgeBaseId(tenant, name);
            purpose = why;
            return true;
        }

        knowledgeBase = default;
        purpose = string.Empty;
        return false;
    }
}
