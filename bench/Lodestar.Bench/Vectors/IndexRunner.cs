using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lodestar.Knowledge.Vectors;

namespace Lodestar.Bench.Vectors;

/// <summary>
/// Persistent <see cref="VectorIndex"/> memory and speed (bench/vectors/run.sh): the first call on an empty INDEX_DIR
/// builds, sweeps with the vectors still on the heap, and commits; every later call is a fresh process that opens the
/// committed generation (vectors memory-mapped) and sweeps one traversal, reporting resident anonymous and file-backed
/// bytes per vector after opening and after the sweep, the split faiss_hnsw.py reports for FAISS.
/// </summary>
internal static class IndexRunner
{
    private const int K = 10;

    public static int Run(VectorSet set, string directory, string[] args)
    {
        var int8 = args.Contains("--int8");
        var options = new VectorIndexOptions(set.Dimensions, VectorIndexKind.Hnsw, BenchArgs.Int(args, "--m", 16), BenchArgs.Int(args, "--ef-construction", 200), Int8Quantization: int8);
        var fresh = !Directory.Exists(directory) || Directory.GetFiles(directory, "*.lvx").Length == 0;
        var baseline = ResidentMemory.Measure();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var index = VectorIndex.Open(directory, options);
        if (fresh)
        {
            for (var i = 0; i < set.Count; i++)
            {
                var id = i.ToString(CultureInfo.InvariantCulture);
                index.Add(id, "doc" + (i / 10).ToString(CultureInfo.InvariantCulture), set.Base(i));
            }
        }

        process.Refresh();
        Emit(new
        {
            engine = "lodestar-index",
            phase = fresh ? "build (heap)" : "open (mapped)",
            int8,
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            cpu_seconds = Math.Round((process.TotalProcessorTime - cpu).TotalSeconds, 2),
            rss = ResidentMemory.Measure().PerVectorSince(baseline, set.Count),
        });

        var traversals = fresh ? (int8 ? new[] { "float", "int8" } : ["float"]) : [BenchArgs.Option(args, "--traversal") ?? (int8 ? "int8" : "float")];
        foreach (var ef in BenchArgs.Ints(args, "--ef", "8,16,32,64,128"))
        {
            foreach (var traversal in traversals)
            {
                foreach (var rescore in traversal == "int8" ? BenchArgs.Ints(args, "--rescore", "2,4") : [1])
                {
                    var tuning = new VectorSearchOptions(ef, rescore, traversal == "int8");
                    Emit(VectorsRunner.Sweep(set, traversal, ef, rescore * K, (q, found) => Search(index, set.Query(q), tuning, found)));
                }
            }
        }

        Emit(new { engine = "lodestar-index", phase = fresh ? "after heap sweep" : "after mapped sweep", rss = ResidentMemory.Measure().PerVectorSince(baseline, set.Count) });
        if (fresh)
        {
            clock.Restart();
            index.Commit();
            Emit(new { engine = "lodestar-index", phase = "commit", seconds = Math.Round(clock.Elapsed.TotalSeconds, 2), rss = ResidentMemory.Measure().PerVectorSince(baseline, set.Count) });
        }

        return 0;
    }

    private static int Search(VectorIndex index, ReadOnlySpan<float> query, VectorSearchOptions tuning, Span<ScoredId> found)
    {
        var hits = index.Search(query, K, tuning);
        for (var i = 0; i < hits.Count; i++)
        {
            found[i] = new ScoredId(int.Parse(hits[i].ChunkId, CultureInfo.InvariantCulture), hits[i].Score);
        }

        return hits.Count;
    }

    private static void Emit(object row) => Console.WriteLine(JsonSerializer.Serialize(row));
}
