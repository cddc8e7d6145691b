using System.Diagnostics;
using Lodestar.Knowledge.Vectors;

namespace Lodestar.Bench.Vectors;

/// <summary>Exact flat scan in float32 versus int8 codes with full-precision re-scoring, through the public <see cref="VectorIndex"/>.</summary>
internal static class FlatComparison
{
    public static IEnumerable<object> Run(VectorSet set, int queryCount, int k)
    {
        foreach (var int8 in new[] { false, true })
        {
            using var index = VectorIndex.CreateInMemory(new VectorIndexOptions(set.Dimensions, VectorIndexKind.Flat, Int8Quantization: int8));
            for (var i = 0; i < set.Count; i++)
            {
                index.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "doc", set.Base(i));
            }

            // The first search encodes the int8 codes; keep that out of the timing.
            index.Search(set.Query(0), k);
            var recall = 0.0;
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (var q = 0; q < queryCount; q++)
            {
                var hits = index.Search(set.Query(q), k);
                recall += set.Recall(q, hits.Select(h => int.Parse(h.ChunkId, System.Globalization.CultureInfo.InvariantCulture)), k);
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
