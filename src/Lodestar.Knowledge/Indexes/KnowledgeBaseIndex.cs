using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Indexing;
using Lodestar.Knowledge.Vectors;
using Microsoft.Extensions.AI;

namespace Lodestar.Knowledge.Indexes;

/// <summary>
/// The search indexes of one knowledge base (BM25 always, vectors when an embedding generator is configured).
/// They are derived data: before answering, they replay the store's change log past the sequence they last
/// committed, so an index that crashed, lagged or was deleted converges to the store. One process owns a
/// knowledge base's index files at a time (the indexes hold a write lock while open).
/// </summary>
internal sealed class KnowledgeBaseIndex : IDisposable
{
    private const int ChangeBatch = 2_000;
    private const int EmbeddingBatch = 64;

    private readonly KnowledgeBaseId _knowledgeBase;
    private readonly string _directory;
    private readonly KnowledgeOptions _options;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder;
    private readonly string? _embeddingModel;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ReaderWriterLockSlim _swap = new();
    private LexicalIndex _lexical;
    private VectorIndex? _vectors;
    private int _vectorDimensions;
    private IndexState _state;

    public KnowledgeBaseIndex(KnowledgeBaseId knowledgeBase, string directory, KnowledgeOptions options, IEmbeddingGenerator<string, Embedding<float>>? embedder)
    {
        _knowledgeBase = knowledgeBase;
        _directory = directory;
        _options = options;
        _embedder = embedder;
        _embeddingModel = embedder?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? embedder?.GetType().Name;
        Directory.CreateDirectory(directory);
        _state = IndexState.Read(StatePath);
        _lexical = OpenLexical();
        _vectors = OpenVectors(_state);
    }

    public bool HasVectors => _embedder is not null;

    /// <summary>The change-log sequence the lexical index has committed: the index version an answer was computed on.</summary>
    public long Version => _state.LexicalSequence;

    /// <summary>Where the committed indexes stand against <paramref name="latest"/>; never waits for a catch-up in progress.</summary>
    public KnowledgeBaseStatus Status(long latest)
    {
        var state = _state;
        return new KnowledgeBaseStatus(latest, state.LexicalSequence, state.VectorSequence, state.EmbeddingModel, _embeddingModel, state.VectorDimensions,
            state.LexicalSequence >= latest, _embedder is not null && state.VectorSequence >= latest && state.EmbeddingModel == _embeddingModel, _writer.CurrentCount == 0);
    }

    private string StatePath => Path.Combine(_directory, "state.json");

    /// <summary>Replays store changes the indexes have not seen. Cheap when nothing changed.</summary>
    public async Task CatchUpAsync(IKnowledgeStore store, CancellationToken cancellationToken)
    {
        var latest = await store.GetLatestSequenceAsync(_knowledgeBase, cancellationToken).ConfigureAwait(false);
        if (IsCurrent(_state, latest))
        {
            KnowledgeTelemetry.IndexCache.Add(1, new KeyValuePair<string, object?>("result", "hit"));
            return;
        }

        KnowledgeTelemetry.IndexCache.Add(1, new KeyValuePair<string, object?>("result", "miss"));

        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReplayAsync(store, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    public IReadOnlyList<LexicalHit> SearchLexical(string query, int k, Func<string, bool>? acceptDocument)
    {
        _swap.EnterReadLock();
        try
        {
            return _lexical.Search(query, k, acceptDocument);
        }
        finally
        {
            _swap.ExitReadLock();
        }
    }

    /// <summary>Best chunks by cosine similarity; a chunk scores as its best embedding window.</summary>
    public async Task<IReadOnlyList<(string ChunkId, string DocumentId, float Score)>> SearchDenseAsync(string query, int k, Func<string, bool>? acceptDocument, CancellationToken cancellationToken)
    {
        var embedding = await EmbedQueryAsync(query, "dense search", cancellationToken).ConfigureAwait(false);
        IReadOnlyList<VectorHit> hits;
        _swap.EnterReadLock();
        try
        {
            if (_vectors is null)
            {
                return [];
            }

            // Several windows of one chunk can fill the top: ask for more and fold them.
            hits = _vectors.Search(embedding, k * 3, acceptDocument);
        }
        finally
        {
            _swap.ExitReadLock();
        }

        var best = new Dictionary<string, (string DocumentId, float Score)>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            var chunkId = EmbeddingWindows.ChunkIdOf(hit.ChunkId);
            if (!best.TryGetValue(chunkId, out var current) || hit.Score > current.Score)
            {
                best[chunkId] = (hit.DocumentId, hit.Score);
            }
        }

        return best.Select(pair => (pair.Key, pair.Value.DocumentId, pair.Value.Score))
            .OrderByDescending(hit => hit.Score).ThenBy(hit => hit.Key, StringComparer.Ordinal).Take(k).ToList();
    }

    /// <summary>
    /// Cosine between the query and each chunk's best stored embedding window (0 for a chunk without vectors):
    /// what a rerank stage needs without embedding the passages again.
    /// </summary>
    public async Task<double[]> BestWindowSimilaritiesAsync(string query, IReadOnlyList<string> chunkIds, CancellationToken cancellationToken)
    {
        var unit = await EmbedQueryAsync(query, "reranking", cancellationToken).ConfigureAwait(false);
        VectorMath.Normalize(unit);
        var similarities = new double[chunkIds.Count];
        _swap.EnterReadLock();
        try
        {
            for (var i = 0; _vectors is not null && i < chunkIds.Count; i++)
            {
                // A chunk's windows are numbered 0..n-1, so the first missing key ends it.
                var best = 0.0;
                for (var window = 0; _vectors.Similarity(unit, EmbeddingWindows.Key(chunkIds[i], window)) is { } similarity; window++)
                {
                    best = window == 0 ? similarity : Math.Max(best, similarity);
                }

                similarities[i] = best;
            }
        }
        finally
        {
            _swap.ExitReadLock();
        }

        return similarities;
    }

    public void Dispose()
    {
        _lexical.Dispose();
        _vectors?.Dispose();
        _swap.Dispose();
        _writer.Dispose();
    }

    private async Task<float[]> EmbedQueryAsync(string query, string purpose, CancellationToken cancellationToken)
    {
        if (_embedder is null)
        {
            throw Core.LodestarException.Invalid($"{purpose} needs an embedding model; none is configured for this knowledge base");
        }

        var embedding = await _embedder.GenerateAsync([query], EmbeddingAttribution.For(_knowledgeBase, EmbeddingAttribution.Query), cancellationToken).ConfigureAwait(false);
        return embedding[0].Vector.ToArray();
    }

    private bool IsCurrent(IndexState state, long latest) =>
        state.LexicalSequence >= latest && (_embedder is null || (state.VectorSequence >= latest && state.EmbeddingModel == _embeddingModel));

    private async Task ReplayAsync(IKnowledgeStore store, CancellationToken cancellationToken)
    {
        var lexicalFrom = _state.LexicalSequence;
        var vectorFrom = _embedder is null ? long.MaxValue : _vectors is null ? 0 : _state.VectorSequence;

        var applied = Math.Min(lexicalFrom, vectorFrom);
        while (true)
        {
            var changes = await store.ReadChangesAsync(_knowledgeBase, applied, ChangeBatch, cancellationToken).ConfigureAwait(false);
            if (changes.Count == 0)
            {
                break;
            }

            var lexicalDocuments = changes.Where(c => c.Sequence > lexicalFrom).Select(c => c.DocumentId).Distinct(StringComparer.Ordinal).ToList();
            var vectorDocuments = changes.Where(c => c.Sequence > vectorFrom).Select(c => c.DocumentId).Distinct(StringComparer.Ordinal).ToList();
            var touched = lexicalDocuments.Union(vectorDocuments, StringComparer.Ordinal).ToList();
            var pendingWindows = new List<(string Key, string DocumentId, string Text)>();
            foreach (var documentId in touched)
            {
                var document = await store.GetDocumentAsync(_knowledgeBase, documentId, cancellationToken).ConfigureAwait(false);
                var chunks = document is null ? [] : await store.GetDocumentChunksAsync(_knowledgeBase, documentId, cancellationToken).ConfigureAwait(false);
                if (lexicalDocuments.Contains(documentId))
                {
                    _lexical.DeleteDocument(documentId);
                    _lexical.Add(chunks.Select(chunk => new LexicalDocument(chunk.Id, documentId, document!.Title, chunk.Text)));
                }

                if (_embedder is not null && vectorDocuments.Contains(documentId))
                {
                    // No vector index yet means nothing to delete; it is created with the first embedding's dimensions.
                    _vectors?.DeleteDocument(documentId);
                    foreach (var chunk in chunks)
                    {
                        var windows = EmbeddingWindows.Split(Compose(document!.Title, chunk), _options.EmbeddingWindowWords);
                        for (var i = 0; i < windows.Count; i++)
                        {
                            pendingWindows.Add((EmbeddingWindows.Key(chunk.Id, i), documentId, windows[i]));
                        }
                    }
                }
            }

            await EmbedAsync(pendingWindows, cancellationToken).ConfigureAwait(false);
            applied = changes[^1].Sequence;
            Commit(applied);
        }
    }

    /// <summary>The first window of a chunk carries the title, as the reference encoder setup did (title + text).</summary>
    private static string Compose(string title, DocumentChunk chunk) =>
        chunk.Ordinal == 0 && !string.IsNullOrWhiteSpace(title) && !chunk.Text.StartsWith(title, StringComparison.Ordinal) ? title + " " + chunk.Text : chunk.Text;

    private async Task EmbedAsync(List<(string Key, string DocumentId, string Text)> windows, CancellationToken cancellationToken)
    {
        for (var start = 0; start < windows.Count; start += EmbeddingBatch)
        {
            var batch = windows.GetRange(start, Math.Min(EmbeddingBatch, windows.Count - start));
            using var span = KnowledgeTelemetry.Source.StartActivity("knowledge.embed");
            span?.SetTag("lodestar.kb", _knowledgeBase.Name).SetTag("lodestar.tenant", _knowledgeBase.TenantId).SetTag("lodestar.model", _embeddingModel).SetTag("lodestar.inputs", batch.Count);
            var embeddings = await _embedder!.GenerateAsync(batch.Select(w => w.Text), EmbeddingAttribution.For(_knowledgeBase, EmbeddingAttribution.Ingest), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                EnsureVectors(embeddings[i].Vector.Length).Add(batch[i].Key, batch[i].DocumentId, embeddings[i].Vector.Span);
            }
        }
    }

    private void Commit(long sequence)
    {
        _swap.EnterWriteLock();
        try
        {
            _lexical.Commit();
            _vectors?.Commit();
        }
        finally
        {
            _swap.ExitWriteLock();
        }

        _state = new IndexState(sequence, _embedder is null ? 0 : sequence, _embeddingModel, _vectors is null ? 0 : _vectorDimensions);
        _state.Write(StatePath);
    }

    private VectorIndex EnsureVectors(int dimensions = 0)
    {
        if (_vectors is null)
        {
            dimensions = dimensions > 0 ? dimensions : _embedder!.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions ?? 0;
            if (dimensions <= 0)
            {
                throw new InvalidOperationException("the embedding generator does not report its dimensions");
            }

            _vectors = VectorIndex.Open(VectorDirectory, new VectorIndexOptions(dimensions));
            _vectorDimensions = dimensions;
        }

        return _vectors;
    }

    /// <summary>The committed vectors of the configured model, or null when they must be built from scratch.</summary>
    private VectorIndex? OpenVectors(IndexState state)
    {
        if (_embedder is null || state.EmbeddingModel != _embeddingModel || state.VectorDimensions <= 0 || !Directory.Exists(VectorDirectory))
        {
            return null;
        }

        _vectorDimensions = state.VectorDimensions;
        return VectorIndex.Open(VectorDirectory, new VectorIndexOptions(state.VectorDimensions));
    }

    private string VectorDirectory => Path.Combine(_directory, "vectors-" + string.Concat((_embeddingModel ?? "none").Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')));

    private LexicalIndex OpenLexical() =>
        LexicalIndex.Open(Path.Combine(_directory, "lexical"), new LexicalIndexOptions(K1: _options.Bm25K1, B: _options.Bm25B));
}
