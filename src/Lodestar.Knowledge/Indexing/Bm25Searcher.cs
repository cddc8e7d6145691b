using System.Buffers;

namespace Lodestar.Knowledge.Indexing;

/// <summary>
/// Term-at-a-time BM25 over a snapshot, scored exactly like Lucene's BM25Similarity (float math, lossy length
/// norms, idf = ln(1 + (N - df + 0.5) / (df + 0.5)), no (k1 + 1) factor). Corpus statistics span all segments
/// and, as in Lucene, include deleted documents until a merge drops them.
/// </summary>
internal static class Bm25Searcher
{
    public static List<LexicalHit> Search(
        IndexSnapshot snapshot, IReadOnlyList<(string Term, int Count)> query, float k1, float b, int k, Func<string, bool>? accept)
    {
        var segments = snapshot.Segments;
        long docCount = 0;
        long sumLength = 0;
        foreach (var view in segments)
        {
            docCount += view.Segment.DocCount;
            sumLength += view.Segment.SumLength;
        }

        if (docCount == 0 || query.Count == 0 || snapshot.LiveCount == 0)
        {
            return [];
        }

        var weights = QueryWeights(segments, query, docCount);
        var avgLength = (float)(sumLength / (double)docCount);
        Span<float> normInverse = stackalloc float[256];
        for (var code = 0; code < 256; code++)
        {
            normInverse[code] = 1f / (k1 * ((1 - b) + (b * LengthNorm.DecodedLengths[code] / avgLength)));
        }

        var collector = new TopKCollector(Math.Min(k, snapshot.LiveCount));
        var filter = accept is null ? null : new DocumentFilter(accept);
        for (var s = 0; s < segments.Count; s++)
        {
            ScoreSegment(segments[s], s, query, weights, normInverse, collector, filter);
        }

        var top = collector.ToSortedArray();
        var hits = new List<LexicalHit>(top.Length);
        foreach (var (score, s, doc) in top)
        {
            var segment = segments[s].Segment;
            hits.Add(new LexicalHit(segment.ChunkIds[doc], segment.DocumentIds[doc], score));
        }

        return hits;
    }

    /// <summary>count × idf per query term; a term repeated in the query counts that many times (Anserini's bag of words).</summary>
    private static float[] QueryWeights(IReadOnlyList<SegmentView> segments, IReadOnlyList<(string Term, int Count)> query, long docCount)
    {
        var weights = new float[query.Count];
        for (var q = 0; q < query.Count; q++)
        {
            long docFreq = 0;
            foreach (var view in segments)
            {
                if (view.Segment.TryGetTerm(query[q].Term, out var ordinal))
                {
                    docFreq += view.Segment.DocFreqs[ordinal];
                }
            }

            var idf = (float)Math.Log(1 + ((docCount - docFreq + 0.5D) / (docFreq + 0.5D)));
            weights[q] = query[q].Count * idf;
        }

        return weights;
    }

    private static void ScoreSegment(
        SegmentView view, int segmentIndex, IReadOnlyList<(string Term, int Count)> query, float[] weights,
        ReadOnlySpan<float> normInverse, TopKCollector collector, DocumentFilter? filter)
    {
        var segment = view.Segment;
        var norms = segment.Norms;
        var accumulators = ArrayPool<float>.Shared.Rent(segment.DocCount);
        var scores = accumulators.AsSpan(0, segment.DocCount);
        scores.Clear();
        try
        {
            var any = false;
            for (var q = 0; q < query.Count; q++)
            {
                if (!segment.TryGetTerm(query[q].Term, out var ordinal))
                {
                    continue;
                }

                any = true;
                var weight = weights[q];
                var reader = new PostingsReader(segment.Postings(ordinal));
                while (reader.MoveNext(out var doc, out var freq))
                {
                    scores[doc] += weight - (weight / (1f + (freq * normInverse[norms[doc]])));
                }
            }

            if (any)
            {
                Collect(view, segmentIndex, scores, collector, filter);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(accumulators);
        }
    }

    private static void Collect(SegmentView view, int segmentIndex, ReadOnlySpan<float> scores, TopKCollector collector, DocumentFilter? filter)
    {
        var threshold = collector.Threshold;
        for (var doc = 0; doc < scores.Length; doc++)
        {
            var score = scores[doc];

            // Scores are positive; equal scores lose to the earlier document already held.
            if (score <= threshold || score == 0 || view.IsDeleted(doc))
            {
                continue;
            }

            if (filter is not null && !filter.Accepts(view.Segment.DocumentIds[doc]))
            {
                continue;
            }

            collector.Add(score, segmentIndex, doc);
            threshold = collector.Threshold;
        }
    }
}
