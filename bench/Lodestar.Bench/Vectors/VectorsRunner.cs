using System.Diagnostics;
using System.Text.Json;
using Lodestar.Knowledge.Vectors;

namespace Lodestar.Bench.Vectors;

/// <summary>
/// Lodestar side of the FAISS comparison (bench/vectors/run.sh): builds an HNSW graph once over DATA_DIR/base.fvecs,
/// then sweeps efSearch with full-precision traversal and, with --int8, int8-code traversal at each re-scoring depth.
/// Prints one JSON object per line with the same fields as faiss_hnsw.py.
/// </summary>
internal static class VectorsRunner
{
    private const int K = 10;

    public static int Run(string[] args)
    {
        if (args.Length < 2 || args[0] is not ("hnsw" or "flat" or "index") || (args[0] == "index" && args.Length < 3))
        {
            Console.Error.WriteLine("usage: Lodestar.Bench vectors hnsw|flat DATA_DIR [options] | vectors index DATA_DIR INDEX_DIR [options]");
            return 2;
        }

        var set = VectorSet.Load(args[1]);
        if (args[0] == "index")
        {
            return IndexRunner.Run(set, args[2], args[3..]);
        }

        if (args[0] == "flat")
        {
            foreach (var row in FlatComparison.Run(set, Math.Min(set.QueryCount, BenchArgs.Int(args, "--queries", 200)), K))
            {
                Emit(row);
            }

            return 0;
        }

        var m = BenchArgs.Int(args, "--m", 16);
        var efConstruction = BenchArgs.Int(args, "--ef-construction", 200);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var store = new VectorStore(set.Dimensions, set.Count);
        var graph = new HnswGraph(store, m, efConstruction);
        for (var i = 0; i < set.Count; i++)
        {
            graph.Add(store.Add(set.Base(i)));
        }

        var build = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var buildCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
        clock.Restart();
        var codes = args.Contains("--int8") ? new Int8Codes(set.Dimensions) : null;
        codes?.Sync(store);
        Emit(new
        {
            engine = "lodestar",
            version = typeof(HnswGraph).Assembly.GetName().Version?.ToString(),
            n = set.Count,
            d = set.Dimensions,
            m,
            ef_construction = efConstruction,
            build_threads = 1,
            build_seconds = Math.Round(build, 2),
            build_cpu_seconds = Math.Round(buildCpu, 2),
            int8_encode_seconds = codes is null ? (double?)null : Math.Round(clock.Elapsed.TotalSeconds, 2),
            bytes_per_vector_structures = PerVector(store.AllocatedBytes + graph.LinkBytes, set.Count),
            bytes_per_vector_int8_hot_set = codes is null ? (double?)null : PerVector(codes.AllocatedBytes + graph.LinkBytes, set.Count),
            bytes_per_vector_int8_total = codes is null ? (double?)null : PerVector(store.AllocatedBytes + codes.AllocatedBytes + graph.LinkBytes, set.Count),
        });

        foreach (var ef in BenchArgs.Ints(args, "--ef", "8,16,32,64,128"))
        {
            Emit(Sweep(set, "float", ef, 0, (q, found) => graph.Search(set.Query(q), K, ef, found)));
            if (codes is not null)
            {
                foreach (var depth in BenchArgs.Ints(args, "--rescore", "20,40"))
                {
                    Emit(Sweep(set, "int8", ef, depth, (q, found) => graph.Search(set.Query(q), K, ef, found, codes, depth)));
                }
            }
        }

        return 0;
    }

    /// <summary>Times one configuration: warm-up, one thread (wall and CPU), two threads, then recall and latency percentiles.</summary>
    internal static object Sweep(VectorSet set, string traversal, int ef, int rescore, Func<int, Span<ScoredId>, int> search)
    {
        var queries = set.QueryCount;
        var found = new ScoredId[queries * K];
        var latencies = new double[queries];
        // Warm up until tiered JIT has had time to promote the hot loop (at least one pass, at least 0.5 s).
        var warmup = Stopwatch.StartNew();
        do
        {
            SearchRange(0, queries, null);
        }
        while (warmup.ElapsedMilliseconds < 500);

        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        SearchRange(0, queries, latencies);
        var qps1 = queries / clock.Elapsed.TotalSeconds;
        process.Refresh();

        // Queries per CPU-second: robust to other load on a shared box, unlike wall-clock QPS.
        var qpsCpu = queries / (process.TotalProcessorTime - cpu).TotalSeconds;
        clock.Restart();
        Parallel.For(0, 2, half => SearchRange(half * queries / 2, (half + 1) * queries / 2, null));
        var qps2 = queries / clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new
        {
            engine = "lodestar",
            traversal,
            ef_search = ef,
            rescore = traversal == "int8" ? rescore : (int?)null,
            qps_1t = Math.Round(qps1, 1),
            qps_2t = Math.Round(qps2, 1),
            qps_per_cpu_second = Math.Round(qpsCpu, 1),
            recall_at_10 = Math.Round(set.RecallAt(found, K), 4),
            p50_us = Math.Round(latencies[queries / 2], 1),
            p99_us = Math.Round(latencies[(int)(queries * 0.99)], 1),
        };

        void SearchRange(int from, int to, double[]? timings)
        {
            for (var q = from; q < to; q++)
            {
                var started = Stopwatch.GetTimestamp();
                search(q, found.AsSpan(q * K, K));
                if (timings is not null)
                {
                    timings[q] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                }
            }
        }
    }

    private static double PerVector(long bytes, int count) => Math.Round(bytes / (double)count, 1);

    private static void Emit(object row) => Console.WriteLine(JsonSerializer.Serialize(row));
}
