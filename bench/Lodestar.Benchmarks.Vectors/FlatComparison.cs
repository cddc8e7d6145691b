using System.Diagnostics;
using Lodestar.Knowledge.Vectors;

namespace Lodestar.Benchmarks.Vectors;

/// <summary>Exact flat scan in float32 versus int8 codes with full-precision re-scoring, through the public <see cref="VectorIndex"/>.</summary>
internal static class FlatComparison
{
    public static IEnumerable<object> Run(float[] baseData, int n, int d, float[] queryData, int queryCount, int[][] truth, int k)
    {
        foreach (var int8 in new[] { false, true })
        {
            using var index = VectorIndex.CreateInMemory(new VectorIndexOptions(d, VectorIndexKind.Flat, Int8Quantization: int8));
            for (var i = 0; i < n; i++)
            {
                index.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "doc", baseData.AsSpan(i * d, d));
            }

            // The first search encodes the int8 codes; keep that out of the timing.
            index.Search(queryData.AsSpan(0, d), k);
            var recall = 0.0;
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (var q = 0; q < queryCount; q++)
            {
                var hits = index.Search(queryData.AsSpan(q * d, d), k);
                recall += (double)hits.Select(h => int.Parse(h.ChunkId, System.Globalization.CultureInfo.InvariantCulture)).Intersect(truth[q].Take(k)).Count() / k;
            }

            var elapsed = clock.Elapsed.TotalSeconds;
            process.Refresh();
            yield return new
            {
                engine = "lodestar-flat",
                int8,
                queries = queryCount,
                qps_1t = Math.Round(queryCount / elapsed, 1),
                qps_per_cpu_second = Math.Round(queryCount / (process.TotalProcessorTime - cpu).TotalSeconds, 1),
                recall_at_10 = Math.Round(recall / queryCount, 4),
            };
        }
    }
}
