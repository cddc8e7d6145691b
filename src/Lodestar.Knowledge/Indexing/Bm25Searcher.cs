namespace Lodestar.Knowledge.Indexing;

/// <summary>
/// BM25 over a snapshot, scored exactly like Lucene's BM25Similarity (float math, lossy length
/// norms, idf = ln(1 + (N - df + 0.5) / (df + 0.5)), no (k1 + 1) factor). Corpus statistics span all segments
/// and, as in Lucene, include deleted documents until a merge drops them.
/// </summary>
internal static class Bm25Searcher
{
    private const float BoundSlack = 1e-5f;

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

    /// <summary>
    /// Document-at-a-time MaxScore: terms are ordered by their score upper bound (the query weight, since
    /// tf/(tf+K) &lt; 1); once the top-k threshold exceeds the summed bounds of the weakest terms, those become
    /// non-essential: only documents found through the essential terms are scored, and the non-essential cursors
    /// jump to them through skip blocks. Exact: it returns what exhaustive scoring would.
    /// </summary>
    private static void ScoreSegment(
        SegmentView view, int segmentIndex, IReadOnlyList<(string Term, int Count)> query, float[] weights,
        ReadOnlySpan<float> normInverse, TopKCollector collector, DocumentFilter? filter)
    {
        var segment = view.Segment;
        var cursors = new PostingsCursor[query.Count];
        var termWeights = new float[query.Count];
        var n = 0;
        for (var q = 0; q < query.Count; q++)
        {
            if (segment.TryGetTerm(query[q].Term, out var ordinal))
            {
                cursors[n] = segment.Cursor(ordinal);
                termWeights[n++] = weights[q];
            }
        }

        Array.Sort(termWeights, cursors, 0, n);
        var bounds = new float[n];
        var contributions = new float[n];
        for (var i = 0; i < n; i++)
        {
            // Slightly inflated so float rounding in the summation order can never prune a winner.
            bounds[i] = (i > 0 ? bounds[i - 1] : 0) + (termWeights[i] * (1 + BoundSlack));
            cursors[i].Next();
        }

        var norms = segment.Norms;
        var threshold = collector.Threshold;
        var firstEssential = FirstEssential(bounds, 0, threshold);
        while (firstEssential < n)
        {
            var doc = PostingsCursor.NoMoreDocs;
            for (var i = firstEssential; i < n; i++)
            {
                doc = Math.Min(doc, cursors[i].Doc);
            }

            if (doc == PostingsCursor.NoMoreDocs)
            {
                return;
            }

            var inverse = normInverse[norms[doc]];
            var partial = 0f;
            for (var i = firstEssential; i < n; i++)
            {
                ref var cursor = ref cursors[i];
                var contribution = 0f;
                if (cursor.Doc == doc)
                {
                    contribution = TermScore(termWeights[i], cursor.Freq, inverse);
                    cursor.Next();
                }

                contributions[i] = contribution;
                partial += contribution;
            }

            if (view.IsDeleted(doc))
            {
                continue;
            }

            var lowest = firstEssential;
            for (; lowest > 0 && partial + bounds[lowest - 1] > threshold; lowest--)
            {
                ref var cursor = ref cursors[lowest - 1];
                cursor.Advance(doc);
                var contribution = cursor.Doc == doc ? TermScore(termWeights[lowest - 1], cursor.Freq, inverse) : 0f;
                contributions[lowest - 1] = contribution;
                partial += contribution;
            }

            if (lowest > 0)
            {
                continue; // the unvisited terms cannot lift it above the threshold
            }

            // Summed in one fixed order so a document scores the same whether or not anything was pruned.
            var score = 0f;
            for (var i = 0; i < n; i++)
            {
                score += contributions[i];
            }

            // Equal scores lose to the earlier document already held.
            if (score > threshold && (filter is null || filter.Accepts(segment.DocumentIds[doc])))
            {
                collector.Add(score, segmentIndex, doc);
                threshold = collector.Threshold;
                firstEssential = FirstEssential(bounds, firstEssential, threshold);
            }
        }
    }

    private static float TermScore(float weight, int freq, float normInverse) => weight - (weight / (1f + (freq * normInverse)));

    private static int FirstEssential(float[] bounds, int from, float threshold)
    {
        while (from < bounds.Length && bounds[from] <= threshold)
        {
            from++;
        }

        return from;
    }
}
