using System.Collections.Concurrent;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Settings;
using Microsoft.Extensions.Options;

namespace Lodestar.Knowledge.Indexes;

/// <summary>Keeps one open index per knowledge base and brings it up to date with the store and its settings before use.</summary>
internal sealed class KnowledgeIndexRegistry(
    IOptions<KnowledgeOptions> options,
    IKnowledgeStore store,
    KnowledgeSettingsService settings,
    IKnowledgeModelProvider models) : IDisposable
{
    private readonly ConcurrentDictionary<KnowledgeBaseId, Lazy<KnowledgeBaseIndex>> _indexes = new();

    public async Task<KnowledgeBaseIndex> GetCurrentAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken)
    {
        var index = await OpenAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
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
        return (await OpenAsync(knowledgeBase, cancellationToken).ConfigureAwait(false)).Status(latest);
    }

    /// <summary>Catches the index up, then re-embeds it with the configured model (or joins the re-embedding running here).</summary>
    public async Task<(KnowledgeBaseIndex Index, Task<string> Build)> StartReembeddingAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken)
    {
        var index = await GetCurrentAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
        return (index, index.StartReembedding(store));
    }

    public void Dispose()
    {
        foreach (var index in _indexes.Values.Where(index => index.IsValueCreated))
        {
            index.Value.Dispose();
        }
    }

    private async Task<KnowledgeBaseIndex> OpenAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken)
    {
        var effective = await settings.GetEffectiveAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
        var lazy = _indexes.GetOrAdd(knowledgeBase, kb => new Lazy<KnowledgeBaseIndex>(() =>
            new KnowledgeBaseIndex(kb, Path.Combine(options.Value.IndexRoot, kb.TenantId, kb.Name), options.Value, models, effective)));
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

        index.Configure(effective);
        return index;
    }
}
