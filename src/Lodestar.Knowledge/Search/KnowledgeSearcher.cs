using Lodestar.Core;
using Lodestar.Knowledge.Analysis;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Indexes;
using Lodestar.Knowledge.Search.Fusion;
using Lodestar.Knowledge.Passages;
using Microsoft.Extensions.Options;

namespace Lodestar.Knowledge.Search;

/// <summary>
/// Answers search requests: BM25, dense or hybrid retrieval (optionally reranked with embeddings) over an index that has caught up with the store,
/// with the caller's ACLs applied inside retrieval, then hydrated passages with snippets.
/// </summary>
public sealed class KnowledgeSearcher
{
    public const int MaxK = 1_000;

    private readonly IKnowledgeStore _store;
    private readonly KnowledgeIndexRegistry _indexes;
    private readonly KnowledgeOptions _options;
    private readonly IKnowledgeRedactor _redactor;

    internal KnowledgeSearcher(IKnowledgeStore store, KnowledgeIndexRegistry indexes, IOptions<KnowledgeOptions> options, IKnowledgeRedactor redactor)
    {
        _redactor = redactor;
        _store = store;
        _indexes = indexes;
        _options = options.Value;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var ranked = await RankAsync(request, cancellationToken).ConfigureAwait(false);
        var passages = (await _store.GetPassagesAsync(request.KnowledgeBase, ranked.Select(r => r.ChunkId).ToList(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(passage => passage.Chunk.Id, StringComparer.Ordinal);
        var queryTerms = QueryTerms.Of(request.Query, PassageAnalyzer.Instance);
        var hits = new List<SearchHit>(ranked.Count);
        foreach (var rank in ranked)
        {
            // A chunk deleted since the index committed is simply skipped.
            if (passages.TryGetValue(rank.ChunkId, out var passage))
            {
                var chunk = passage.Chunk;
                // Everything a reader (or the answer generator) sees passes the knowledge base's PII answer rules.
                var kb = request.KnowledgeBase;
                var text = _redactor.ForReader(kb, chunk.Text);
                hits.Add(new SearchHit(chunk.DocumentId, passage.Source, _redactor.ForReader(kb, passage.Title), chunk.Id, _redactor.ForReader(kb, chunk.HeadingPath), rank.Score,
                    SnippetBuilder.Build(text, queryTerms, PassageAnalyzer.Instance), text, chunk.StartOffset, chunk.EndOffset));
            }
        }

        return hits;
    }

    /// <summary>Ranked chunk ids without their text: what evaluation needs.</summary>
    internal async Task<IReadOnlyList<RankedChunk>> RankAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        var index = await _indexes.GetCurrentAsync(request.KnowledgeBase, cancellationToken).ConfigureAwait(false);
        var filter = await AccessFilter.CreateAsync(_store, request.KnowledgeBase, request.Principal, cancellationToken).ConfigureAwait(false);
        if (!request.Rerank)
        {
            return await FirstStageAsync(index, request, request.K, filter, cancellationToken).ConfigureAwait(false);
        }

        var firstStage = await FirstStageAsync(index, request, Math.Max(request.K, _options.RerankDepth), filter, cancellationToken).ConfigureAwait(false);
        var reranked = await RerankAsync(index, request.Query, firstStage, cancellationToken).ConfigureAwait(false);
        return reranked.Count > request.K ? reranked.Take(request.K).ToList() : reranked;
    }

    private async Task<IReadOnlyList<RankedChunk>> FirstStageAsync(KnowledgeBaseIndex index, SearchRequest request, int k, Func<string, bool>? filter, CancellationToken cancellationToken)
    {
        switch (request.Mode)
        {
            case SearchMode.Bm25:
                return Lexical(request.KnowledgeBase, index, request.Query, k, filter);
            case SearchMode.Dense:
                return await DenseAsync(request.KnowledgeBase, index, request.Query, k, filter, cancellationToken).ConfigureAwait(false);
            default:
                var depth = Math.Max(k, _options.FusionDepth);
                var lexical = Lexical(request.KnowledgeBase, index, request.Query, depth, filter);
                var dense = await DenseAsync(request.KnowledgeBase, index, request.Query, depth, filter, cancellationToken).ConfigureAwait(false);
                return Fuse(lexical, dense, k);
        }
    }

    private List<RankedChunk> Fuse(List<RankedChunk> lexical, List<RankedChunk> dense, int k)
    {
        using var span = KnowledgeTelemetry.Source.StartActivity("knowledge.fuse");
        span?.SetTag("lodestar.fusion", _options.HybridFusion.ToString()).SetTag("lodestar.hits.lexical", lexical.Count).SetTag("lodestar.hits.dense", dense.Count);
        var documents = lexical.Concat(dense).GroupBy(r => r.ChunkId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().DocumentId, StringComparer.Ordinal);
        IReadOnlyList<double> weights = [1 - _options.HybridDenseWeight, _options.HybridDenseWeight];
        var fused = _options.HybridFusion == FusionMethod.Reciprocal
            ? RankFusion.Reciprocal([ToRanking(lexical), ToRanking(dense)], _options.ReciprocalRankK, weights)
            : RankFusion.WeightedNormalized([ToRanking(lexical), ToRanking(dense)], weights);
        return fused.Take(k).Select(item => new RankedChunk(item.Key, documents[item.Key], item.Score)).ToList();
    }

    /// <summary>
    /// Second stage: the first stage's top <see cref="KnowledgeOptions.RerankDepth"/> re-scored by blending their
    /// first-stage score with the query's cosine to their best stored embedding window (no passage is embedded again).
    /// Candidates past the depth keep their order, scored below every reranked one.
    /// </summary>
    private async Task<IReadOnlyList<RankedChunk>> RerankAsync(KnowledgeBaseIndex index, string query, IReadOnlyList<RankedChunk> firstStage, CancellationToken cancellationToken)
    {
        var head = Math.Min(firstStage.Count, _options.RerankDepth);
        using var span = KnowledgeTelemetry.Source.StartActivity("knowledge.rerank");
        span?.SetTag("lodestar.rerank.depth", head).SetTag("lodestar.rerank.weight", _options.RerankWeight);
        if (head == 0)
        {
            return firstStage;
        }

        var chunkIds = new string[head];
        var documents = new Dictionary<string, string>(head, StringComparer.Ordinal);
        for (var i = 0; i < head; i++)
        {
            chunkIds[i] = firstStage[i].ChunkId;
            documents[chunkIds[i]] = firstStage[i].DocumentId;
        }

        var cosines = await index.BestWindowSimilaritiesAsync(query, chunkIds, cancellationToken).ConfigureAwait(false);
        var reranked = EmbeddingReranker.Blend(head, i => chunkIds[i], i => firstStage[i].Score, cosines, _options.RerankWeight);
        var result = new List<RankedChunk>(firstStage.Count);
        foreach (var item in reranked)
        {
            result.Add(new RankedChunk(item.Key, documents[item.Key], item.Score));
        }

        var floor = reranked[^1].Score;
        for (var i = head; i < firstStage.Count; i++)
        {
            result.Add(new RankedChunk(firstStage[i].ChunkId, firstStage[i].DocumentId, floor - 1 - (i - head)));
        }

        return result;
    }

    private void Validate(SearchRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            throw LodestarException.Invalid("the query is empty");
        }

        if (request.Query.Length > _options.MaxQuestionCharacters)
        {
            throw LodestarException.Invalid($"the query is longer than {_options.MaxQuestionCharacters} characters");
        }

        if (request.K is < 1 or > MaxK)
        {
            throw LodestarException.Invalid($"k must be between 1 and {MaxK}");
        }
    }

    private static List<RankedChunk> Lexical(KnowledgeBaseId knowledgeBase, KnowledgeBaseIndex index, string query, int k, Func<string, bool>? filter)
    {
        using var span = RetrieveSpan.Start(knowledgeBase, "bm25", k);
        return span.Done(index.SearchLexical(query, k, filter).Select(hit => new RankedChunk(hit.ChunkId, hit.DocumentId, hit.Score)).ToList());
    }

    private static async Task<List<RankedChunk>> DenseAsync(KnowledgeBaseId knowledgeBase, KnowledgeBaseIndex index, string query, int k, Func<string, bool>? filter, CancellationToken cancellationToken)
    {
        using var span = RetrieveSpan.Start(knowledgeBase, "dense", k);
        return span.Done((await index.SearchDenseAsync(query, k, filter, cancellationToken).ConfigureAwait(false)).Select(hit => new RankedChunk(hit.ChunkId, hit.DocumentId, hit.Score)).ToList());
    }

    private static IReadOnlyList<RankedItem> ToRanking(List<RankedChunk> ranked) => ranked.Select(r => new RankedItem(r.ChunkId, r.Score)).ToList();
}
