using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Indexing;
using Lodestar.Knowledge.Settings;
using Lodestar.Knowledge.Vectors;
using Microsoft.Extensions.AI;

namespace Lodestar.Knowledge.Indexes;

/// <summary>
/// The search indexes of one knowledge base (BM25 always, vectors when an embedding model is configured), built with
/// the knowledge base's settings. They are derived data: before answering, they replay the store's change log past the
/// sequence they last committed, so an index that crashed, lagged or was deleted converges to the store. A changed
/// analyzer rebuilds BM25 beside the old index; a changed embedding model re-embeds in the background while the old
/// vectors (and the old model, for queries) keep serving, then switches over. One process owns the files at a time.
/// </summary>
internal sealed partial class KnowledgeBaseIndex : IDisposable
{
    private const string LegacyLexicalDirectory = "lexical";

    private readonly KnowledgeBaseId _knowledgeBase;
    private readonly string _directory;
    private readonly KnowledgeOptions _options;
    private readonly IKnowledgeModelProvider _models;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ReaderWriterLockSlim _swap = new();
    private readonly Lock _stateLock = new();
    private readonly CancellationTokenSource _closing = new();
    private LexicalIndex _lexical;
    private Bm25Settings _bm25;
    private VectorGeneration? _serving;
    private KnowledgeBaseSettings _settings;
    private IEmbeddingGenerator<string, Embedding<float>>? _configured;
    private IndexState _state;

    public KnowledgeBaseIndex(KnowledgeBaseId knowledgeBase, string directory, KnowledgeOptions options, IKnowledgeModelProvider models, KnowledgeBaseSettings settings)
    {
        _knowledgeBase = knowledgeBase;
        _directory = directory;
        _options = options;
        _models = models;
        Directory.CreateDirectory(directory);
        _state = IndexState.Read(StatePath);
        _settings = settings;
        _configured = models.GetEmbeddingGenerator(settings.Embedding);
        _bm25 = settings.Bm25!;
        _lexical = OpenLexical(_state.LexicalDirectory ?? LegacyLexicalDirectory, ServingAnalyzer, _bm25);
        _serving = OpenServingVectors(_state);
        DeleteUnreferencedGenerations();
    }

    /// <summary>True when dense search can run: an embedding model is configured and vectors are serving.</summary>
    public bool HasVectors => _configured is not null && _serving is not null;

    /// <summary>The change-log sequence the lexical index has committed: the index version an answer was computed on.</summary>
    public long Version => _state.LexicalSequence;

    private string StatePath => Path.Combine(_directory, "state.json");

    private AnalyzerSettings ServingAnalyzer => _state.LexicalAnalyzer ?? new AnalyzerSettings();

    private string? ConfiguredModel => _configured is null ? null : VectorGeneration.ModelOf(_configured);

    /// <summary>Takes the knowledge base's current settings; they apply at the next catch-up.</summary>
    public void Configure(KnowledgeBaseSettings settings)
    {
        if (!ReferenceEquals(settings, _settings))
        {
            _configured = _models.GetEmbeddingGenerator(settings.Embedding);
            _settings = settings;
        }
    }

    /// <summary>Where the committed indexes stand against <paramref name="latest"/>; never waits for a catch-up in progress.</summary>
    public KnowledgeBaseStatus Status(long latest)
    {
        var state = _state;
        var configured = ConfiguredModel;
        var analyzerCurrent = ServingAnalyzer.Equals(_settings.Analyzer);
        var build = state.Build is { } b ? new ReembeddingStatus(b.Model, b.Sequence, b.ChunksDone, b.ChunksTotal, IsBuilding) : null;
        return new KnowledgeBaseStatus(latest, state.LexicalSequence, state.VectorSequence, state.EmbeddingModel, configured, state.VectorDimensions,
            state.LexicalSequence >= latest && analyzerCurrent, configured is not null && state.VectorSequence >= latest && state.EmbeddingModel == configured,
            _writer.CurrentCount == 0 || IsBuilding, ServingAnalyzer.Describe(), _settings.Analyzer!.Describe(), build);
    }

    /// <summary>
    /// Replays store changes the indexes have not seen, first rebuilding BM25 if its analyzer changed, and starts a
    /// background re-embedding if the embedding model changed. Cheap when nothing changed.
    /// </summary>
    public async Task CatchUpAsync(IKnowledgeStore store, CancellationToken cancellationToken)
    {
        var latest = await store.GetLatestSequenceAsync(_knowledgeBase, cancellationToken).ConfigureAwait(false);
        if (IsCurrent(latest))
        {
            KnowledgeTelemetry.IndexCache.Add(1, new KeyValuePair<string, object?>("result", "hit"));
        }
        else
        {
            KnowledgeTelemetry.IndexCache.Add(1, new KeyValuePair<string, object?>("result", "miss"));
            await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await ApplyLexicalSettingsAsync(store, cancellationToken).ConfigureAwait(false);
                if (_serving is null && _configured is not null)
                {
                    // Nothing serves yet (a new knowledge base, or the old model is gone): build in line, as there is nothing to fall back on.
                    SwitchTo(NewGeneration(_configured, _settings.Embedding), 0);
                }

                await ReplayAsync(store, _lexical, _state.LexicalSequence, _configured is null ? null : _serving, _state.VectorSequence, CommitServing, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writer.Release();
            }
        }

        if (_serving is not null && _configured is not null && _serving.Model != ConfiguredModel)
        {
            StartReembeddingUnlessFailedRecently(store);
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
        var (generation, embedding) = await EmbedQueryAsync(query, "dense search", cancellationToken).ConfigureAwait(false);
        IReadOnlyList<VectorHit> hits;
        _swap.EnterReadLock();
        try
        {
            // The query was embedded by the generation's own model; if a switch happened meanwhile, those vectors are gone.
            // Several windows of one chunk can fill the top: ask for more and fold them.
            hits = ReferenceEquals(generation, _serving) ? generation.Search(embedding, k * 3, acceptDocument) : [];
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
        var (generation, unit) = await EmbedQueryAsync(query, "reranking", cancellationToken).ConfigureAwait(false);
        VectorMath.Normalize(unit);
        var similarities = new double[chunkIds.Count];
        _swap.EnterReadLock();
        try
        {
            for (var i = 0; ReferenceEquals(generation, _serving) && i < chunkIds.Count; i++)
            {
                // A chunk's windows are numbered 0..n-1, so the first missing key ends it.
                var best = 0.0;
                for (var window = 0; generation.Similarity(unit, EmbeddingWindows.Key(chunkIds[i], window)) is { } similarity; window++)
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
        _closing.Cancel();
        WaitForBuild();
        _lexical.Dispose();
        _serving?.Dispose();
        _swap.Dispose();
        _writer.Dispose();
        _closing.Dispose();
    }

    private async Task<(VectorGeneration Generation, float[] Vector)> EmbedQueryAsync(string query, string purpose, CancellationToken cancellationToken)
    {
        if (_configured is null || _serving is not { } generation)
        {
            throw Core.LodestarException.Invalid($"{purpose} needs an embedding model; none is configured for this knowledge base");
        }

        return (generation, await generation.EmbedQueryAsync(query, cancellationToken).ConfigureAwait(false));
    }

    private bool IsCurrent(long latest)
    {
        var state = _state;
        return state.LexicalSequence >= latest && ServingAnalyzer.Equals(_settings.Analyzer) && _bm25 == _settings.Bm25
            && (_configured is null || (_serving is not null && state.VectorSequence >= latest));
    }

    private void CommitServing(long sequence)
    {
        _swap.EnterWriteLock();
        try
        {
            _lexical.Commit();
            _serving?.Commit();
        }
        finally
        {
            _swap.ExitWriteLock();
        }

        // Vectors advance only when they were replayed (a model is configured).
        UpdateState(state => state with
        {
            LexicalSequence = sequence,
            VectorSequence = _serving is not null && _configured is not null ? sequence : state.VectorSequence,
            VectorDimensions = _serving?.Dimensions ?? state.VectorDimensions,
        });
    }

    private void UpdateState(Func<IndexState, IndexState> change)
    {
        lock (_stateLock)
        {
            var next = change(_state);
            next.Write(StatePath);
            _state = next;
        }
    }

    private static string? ServingVectorDirectory(IndexState state) => state.EmbeddingModel is not { } model ? null
        : state.VectorDirectory ?? "vectors-" + string.Concat(model.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));

    private LexicalIndex OpenLexical(string name, AnalyzerSettings analyzer, Bm25Settings bm25) =>
        LexicalIndex.Open(Path.Combine(_directory, name), new LexicalIndexOptions(K1: bm25.K1, B: bm25.B, Analyzer: analyzer.CreateAnalyzer()));

    /// <summary>The committed vectors, when the model that built them can still embed queries; else null (rebuilt in line).</summary>
    private VectorGeneration? OpenServingVectors(IndexState state)
    {
        if (state.EmbeddingModel is not { } model || state.VectorDimensions <= 0)
        {
            return null;
        }

        var directory = ServingVectorDirectory(state)!;
        IEmbeddingGenerator<string, Embedding<float>>? embedder;
        try
        {
            embedder = _models.GetEmbeddingGenerator(state.EmbeddingProvider);
        }
        catch (Core.LodestarException)
        {
            embedder = null;
        }

        if (embedder is null || VectorGeneration.ModelOf(embedder) != model || !Directory.Exists(Path.Combine(_directory, directory)))
        {
            return null;
        }

        return new VectorGeneration(_knowledgeBase, Path.Combine(_directory, directory), embedder, state.EmbeddingProvider, state.VectorDimensions, _options.EmbeddingWindowWords);
    }
}
