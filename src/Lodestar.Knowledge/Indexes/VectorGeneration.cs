using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Settings;
using Lodestar.Knowledge.Vectors;
using Microsoft.Extensions.AI;

namespace Lodestar.Knowledge.Indexes;

/// <summary>
/// One generation of a knowledge base's vectors: the files in its own directory and the embedding model that built
/// them, which must also embed the queries searched against them. A re-embedding builds a second generation beside the
/// serving one; each is replayed from the change log independently.
/// </summary>
internal sealed class VectorGeneration : IDisposable
{
    private const int EmbeddingBatch = 64;

    private readonly KnowledgeBaseId _knowledgeBase;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly int _windowWords;
    private readonly List<(string Key, string DocumentId, string Text)> _pending = [];
    private VectorIndex? _index;
    private long _pendingChunks;
    private long _chunksEmbedded;

    public VectorGeneration(KnowledgeBaseId knowledgeBase, string directory, IEmbeddingGenerator<string, Embedding<float>> embedder, EmbeddingProviderSettings? provider, int dimensions, int windowWords)
    {
        _knowledgeBase = knowledgeBase;
        Directory = directory;
        _embedder = embedder;
        Provider = provider;
        Model = ModelOf(embedder);
        _windowWords = windowWords;
        Dimensions = dimensions;
        if (dimensions > 0 && System.IO.Directory.Exists(directory))
        {
            _index = VectorIndex.Open(directory, new VectorIndexOptions(dimensions));
        }
    }

    public string Directory { get; }

    /// <summary>Model id (and version) of the embedder, e.g. <c>use-lite-0.2.0</c>.</summary>
    public string Model { get; }

    public EmbeddingProviderSettings? Provider { get; }

    /// <summary>Vector length; 0 until the first vector is stored.</summary>
    public int Dimensions { get; private set; }


    public static string ModelOf(IEmbeddingGenerator<string, Embedding<float>> embedder) =>
        embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? embedder.GetType().Name;

    /// <summary>Queues a changed document: its old vectors go now, its chunks' windows are embedded at <see cref="FlushAsync"/>.</summary>
    public void Replace(string documentId, KnowledgeDocument? document, IReadOnlyList<DocumentChunk> chunks)
    {
        // No vector index yet means nothing to delete; it is created with the first embedding's dimensions.
        _index?.DeleteDocument(documentId);
        _pendingChunks += chunks.Count;
        foreach (var chunk in chunks)
        {
            var windows = EmbeddingWindows.Split(Compose(document!.Title, chunk), _windowWords);
            for (var i = 0; i < windows.Count; i++)
            {
                _pending.Add((EmbeddingWindows.Key(chunk.Id, i), documentId, windows[i]));
            }
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        for (var start = 0; start < _pending.Count; start += EmbeddingBatch)
        {
            var batch = _pending.GetRange(start, Math.Min(EmbeddingBatch, _pending.Count - start));
            using var span = KnowledgeTelemetry.Source.StartActivity("knowledge.embed");
            span?.SetTag("lodestar.kb", _knowledgeBase.Name).SetTag("lodestar.tenant", _knowledgeBase.TenantId).SetTag("lodestar.model", Model).SetTag("lodestar.inputs", batch.Count);
            var embeddings = await _embedder.GenerateAsync(batch.Select(w => w.Text), EmbeddingAttribution.For(_knowledgeBase, EmbeddingAttribution.Ingest), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                EnsureIndex(embeddings[i].Vector.Length).Add(batch[i].Key, batch[i].DocumentId, embeddings[i].Vector.Span);
            }
        }

        _pending.Clear();
        _chunksEmbedded += _pendingChunks;
        _pendingChunks = 0;
    }

    public void Commit() => _index?.Commit();

    /// <summary>Chunks embedded since the last call: a build's progress.</summary>
    public long TakeChunksEmbedded()
    {
        var done = _chunksEmbedded;
        _chunksEmbedded = 0;
        return done;
    }

    public async Task<float[]> EmbedQueryAsync(string query, CancellationToken cancellationToken)
    {
        var embedding = await _embedder.GenerateAsync([query], EmbeddingAttribution.For(_knowledgeBase, EmbeddingAttribution.Query), cancellationToken).ConfigureAwait(false);
        return embedding[0].Vector.ToArray();
    }

    public IReadOnlyList<VectorHit> Search(float[] query, int k, Func<string, bool>? acceptDocument) =>
        _index?.Search(query, k, acceptDocument) ?? [];

    public float? Similarity(float[] unitQuery, string key) => _index?.Similarity(unitQuery, key);

    public void Dispose() => _index?.Dispose();

    /// <summary>The first window of a chunk carries the title, as the reference encoder setup did (title + text).</summary>
    private static string Compose(string title, DocumentChunk chunk) =>
        chunk.Ordinal == 0 && !string.IsNullOrWhiteSpace(title) && !chunk.Text.StartsWith(title, StringComparison.Ordinal) ? title + " " + chunk.Text : chunk.Text;

    private VectorIndex EnsureIndex(int dimensions)
    {
        if (_index is null)
        {
            dimensions = dimensions > 0 ? dimensions : _embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions ?? 0;
            if (dimensions <= 0)
            {
                throw new InvalidOperationException("the embedding generator does not report its dimensions");
            }

            _index = VectorIndex.Open(Directory, new VectorIndexOptions(dimensions));
            Dimensions = dimensions;
        }

        return _index;
    }
}
