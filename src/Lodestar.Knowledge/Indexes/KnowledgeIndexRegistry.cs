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
        var index = Open(knowledgeBase);
        await index.CatchUpAsync(store, cancellationToken).ConfigureAwait(false);
        return index;
    }

    /// <summary>
    /// The status of a knowledge base's indexes without catching them up (so it answers while a long re-index runs);
    /// opens the index if this process has not yet.
    /// </summary>
    public async Task<KnowledgeBaseStatus> StatusAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken)
    {
        var latest = await store.GetLatestSequenceAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
        return Open(knowledgeBase).Status(latest);
    }

    public void Dispose()
    {
        foreach (var index in _indexes.Values.Where(index => index.IsValueCreated))
        {
            index.Value.Dispose();
        }
    }

    private KnowledgeBaseIndex Open(KnowledgeBaseId knowledgeBase)
    {
        var lazy = _indexes.GetOrAdd(knowledgeBase, Create);
        try
        {
            return lazy.Value;
        }
        catch (Core.LodestarException)
        {
            // Opening failed (e.g. another process owns the files): try again next time instead of caching the failure.
            _indexes.TryRemove(new KeyValuePair<KnowledgeBaseId, Lazy<KnowledgeBaseIndex>>(knowledgeBase, lazy));
            throw;
        }
    }

    private Lazy<KnowledgeBaseIndex> Create(KnowledgeBaseId knowledgeBase) => new(() =>
        new KnowledgeBaseIndex(knowledgeBase, Path.Combine(options.Value.IndexRoot, knowledgeBase.TenantId, knowledgeBase.Name), options.Value, embedder));
}
