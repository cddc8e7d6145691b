namespace Lodestar.Knowledge.Vectors;

/// <summary>Exact top-k by SIMD dot product and a bounded min-heap: the ground truth HNSW is measured against.</summary>
public static class ExactSearch
{
    /// <summary>Scans every id of <paramref name="store"/> (skipping those <paramref name="filter"/> rejects); writes best first.</summary>
    public static int TopK(VectorStore store, ReadOnlySpan<float> query, int k, Span<ScoredId> results, Func<int, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var heap = new ScoredHeap(k);
        for (var id = 0; id < store.Count; id++)
        {
            if (filter is null || filter(id))
            {
                heap.PushBounded(id, store.Similarity(query, id), k);
            }
        }

        return heap.DrainDescending(results);
    }

    /// <summary>Scores only <paramref name="ids"/>; the fallback for a selective filter, where scanning everything would waste work.</summary>
    public static int TopK(VectorStore store, ReadOnlySpan<float> query, int k, ReadOnlySpan<int> ids, Span<ScoredId> results)
    {
        ArgumentNullException.ThrowIfNull(store);
        var heap = new ScoredHeap(k);
        foreach (var id in ids)
        {
            heap.PushBounded(id, store.Similarity(query, id), k);
        }

        return heap.DrainDescending(results);
    }
}
