using Lodestar.Knowledge.Vectors;

namespace Lodestar.Bench.Vectors;

/// <summary>A benchmark set from bench/vectors/make_data.py: base vectors, held-out queries and exact top-100 ids.</summary>
internal sealed class VectorSet(float[] baseData, int count, int dimensions, float[] queryData, int queryCount, int[][] truth)
{
    public int Count => count;

    public int Dimensions => dimensions;

    public int QueryCount => queryCount;

    public static VectorSet Load(string directory)
    {
        var (baseData, count, dimensions) = Fvecs.ReadFloats(Path.Combine(directory, "base.fvecs"));
        var (queryData, queryCount, _) = Fvecs.ReadFloats(Path.Combine(directory, "query.fvecs"));
        return new VectorSet(baseData, count, dimensions, queryData, queryCount, Fvecs.ReadInts(Path.Combine(directory, "gt.ivecs")));
    }

    public ReadOnlySpan<float> Base(int i) => baseData.AsSpan(i * dimensions, dimensions);

    public ReadOnlySpan<float> Query(int q) => queryData.AsSpan(q * dimensions, dimensions);

    /// <summary>Mean recall@k of <paramref name="found"/> (k hits per query, query-major) against the exact top-k.</summary>
    public double RecallAt(ScoredId[] found, int k)
    {
        var total = 0.0;
        for (var q = 0; q < queryCount; q++)
        {
            total += Recall(q, Array.ConvertAll(found[(q * k)..((q + 1) * k)], h => h.Id), k);
        }

        return total / queryCount;
    }

    /// <summary>Fraction of query <paramref name="q"/>'s exact top-k that <paramref name="ids"/> contains.</summary>
    public double Recall(int q, IEnumerable<int> ids, int k) => (double)ids.Intersect(truth[q].Take(k)).Count() / k;
}
