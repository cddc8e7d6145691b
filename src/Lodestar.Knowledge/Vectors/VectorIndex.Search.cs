using System.Buffers;

namespace Lodestar.Knowledge.Vectors;

/// <summary>Search strategies: graph first, exact scan (optionally int8 pre-scored) when the graph cannot serve k hits.</summary>
public sealed partial class VectorIndex
{
    private int SearchAll(ReadOnlySpan<float> unit, int k, VectorSearchOptions tuning, Span<ScoredId> found)
    {
        var live = _byChunk.Count;
        if (live == 0)
        {
            return 0;
        }

        if (_graph is not null)
        {
            Func<int, bool>? notDeleted = _deletedCount == 0 ? null : id => !_deleted[id];
            var count = GraphSearch(_graph, unit, k, tuning, found, notDeleted);
            if (count >= Math.Min(k, live))
            {
                return count;
            }
        }

        var ids = ArrayPool<int>.Shared.Rent(_store.Count);
        try
        {
            var n = 0;
            for (var id = 0; id < _store.Count; id++)
            {
                if (!_deleted[id])
                {
                    ids[n++] = id;
                }
            }

            return Scan(unit, k, tuning, ids.AsSpan(0, n), found);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
        }
    }

    /// <summary>
    /// Collects the accepted live ids first (one filter call per document), then picks a strategy: a selective filter is
    /// answered by exact scan over just those ids; otherwise the graph searches with the filter inside its traversal and
    /// the exact scan backs it up whenever it finds fewer than k, so recall never depends on how the filter cuts the graph.
    /// </summary>
    private int SearchFiltered(ReadOnlySpan<float> unit, int k, VectorSearchOptions tuning, Func<string, bool> acceptDocument, Span<ScoredId> found)
    {
        var ids = ArrayPool<int>.Shared.Rent(Math.Max(_store.Count, 1));
        bool[]? mask = null;
        try
        {
            var n = 0;
            foreach (var (documentId, documentIds) in _byDocument)
            {
                if (acceptDocument(documentId))
                {
                    documentIds.CopyTo(ids, n);
                    n += documentIds.Count;
                }
            }

            if (n == 0)
            {
                return 0;
            }

            var ef = Math.Max(tuning.EfSearch, k);
            var selective = n * 50L <= _byChunk.Count || n <= ef * 2 * _options.M;
            if (_graph is not null && !selective)
            {
                mask = ArrayPool<bool>.Shared.Rent(_store.Count);
                Array.Clear(mask, 0, _store.Count);
                foreach (var id in ids.AsSpan(0, n))
                {
                    mask[id] = true;
                }

                var accepted = mask;
                var count = GraphSearch(_graph, unit, k, tuning, found, id => accepted[id]);
                if (count >= Math.Min(k, n))
                {
                    return count;
                }
            }

            return Scan(unit, k, tuning, ids.AsSpan(0, n), found);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
            if (mask is not null)
            {
                ArrayPool<bool>.Shared.Return(mask);
            }
        }
    }

    /// <summary>Graph search; with int8 codes the walk scores codes and re-scores RescoreCandidates·k in full precision.</summary>
    private int GraphSearch(HnswGraph graph, ReadOnlySpan<float> unit, int k, VectorSearchOptions tuning, Span<ScoredId> found, Func<int, bool>? filter)
    {
        var ef = Math.Max(tuning.EfSearch, k);
        var codes = CodesFor(tuning);
        return codes is null
            ? graph.Search(unit, k, ef, found, filter)
            : graph.Search(unit, k, ef, found, codes, k * tuning.RescoreCandidates, filter);
    }

    /// <summary>The int8 codes this query may use: none in float mode or when the query asks for a full-precision walk.</summary>
    private Int8Codes? CodesFor(VectorSearchOptions tuning) => tuning.UseInt8Codes ? _codes : null;

    /// <summary>Exact top-k over <paramref name="ids"/>; with int8 codes, shortlists RescoreCandidates·k on codes and re-scores those in full precision.</summary>
    private int Scan(ReadOnlySpan<float> unit, int k, VectorSearchOptions tuning, ReadOnlySpan<int> ids, Span<ScoredId> found)
    {
        var shortlistSize = k * tuning.RescoreCandidates;
        var codes = CodesFor(tuning);
        if (codes is null || ids.Length <= shortlistSize)
        {
            return ExactSearch.TopK(_store, unit, k, ids, found);
        }

        codes.Sync(_store);
        var quantized = ArrayPool<sbyte>.Shared.Rent(unit.Length);
        var shortlist = ArrayPool<int>.Shared.Rent(shortlistSize);
        try
        {
            var similarity = new Int8Similarity(codes, unit, quantized);
            var heap = new ScoredHeap(shortlistSize);
            foreach (var id in ids)
            {
                heap.PushBounded(id, similarity.Score(id), shortlistSize);
            }

            var n = 0;
            while (heap.Count > 0)
            {
                shortlist[n++] = heap.Pop().Id;
            }

            return ExactSearch.TopK(_store, unit, k, shortlist.AsSpan(0, n), found);
        }
        finally
        {
            ArrayPool<sbyte>.Shared.Return(quantized);
            ArrayPool<int>.Shared.Return(shortlist);
        }
    }
}
