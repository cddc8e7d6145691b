using System.Collections.Concurrent;
using Lodestar.Knowledge.Documents;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Lodestar.Knowledge.Indexes;

/// <summary>Keeps one open index per knowledge base and brings it up to date with the store before use.</summary>
internal sealed class KnowledgeIndexRegistry(
    IOptions<KnowledgeOptions> options,
    IKnowledgeStore store,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null) : IDisposable
{
    private readonly ConcurrentDictionary<KnowledgeBaseId, Lazy<KnowledgeBaseIndex>> _indexes = new();

    public async Task<KnowledgeBaseIndex> GetCurrentAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken)
    {
        var lazy = _indexes.GetOrAdd(knowledgeBase, Create);
        KnowledgeBaseIndex index;
        try
        {
            index = lazy.Value;
        }
        catch (Core.LodestarException)
        {
            // Opening failed (e.g. another process owns the files): try again next time instead of caching the failure.
            _indexes.TryRemove(new KeyValuePair<KnowledgeBaseId, Lazy<KnowledgeBaseIndex>>(knowledgeBase, lazy));
            throw;
        }

        await index.CatchUpAsync(store, cancellationToken).ConfigureAwait(false);
        return index;
    }

    public void Dispose()
    {
        foreach (var index in _indexes.Values.Where(index => index.IsValueCreated))
        {
            index.Value.Dispose();
        }
    }

    private Lazy<KnowledgeBaseIndex> Create(KnowledgeBaseId knowledgeBase) => new(() =>
        new KnowledgeBaseIndex(knowledgeBase, Path.Combine(options.Value.IndexRoot, knowledgeBase.TenantId, knowledgeBase.Name), options.Value, embedder));
}
