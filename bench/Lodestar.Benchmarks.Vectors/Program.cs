using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lodestar.Benchmarks.Vectors;
using Lodestar.Knowledge.Vectors;

// Lodestar HNSW side of the FAISS comparison (bench/vectors/run.sh); prints one JSON object per line, same fields as faiss_hnsw.py.
// usage: Lodestar.Benchmarks.Vectors DATA_DIR [m] [efConstruction] [efList, e.g. 16,32,64,128,256]
//        Lodestar.Benchmarks.Vectors DATA_DIR flat [queries]   (float32 vs int8 exact scan through VectorIndex)
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Lodestar.Benchmarks.Vectors DATA_DIR [m=16] [efConstruction=200] [ef=16,32,64,128,256]");
    return 2;
}

const int K = 10;
var flatMode = args.Length > 1 && args[1] == "flat";
var m = args.Length > 1 && !flatMode ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var efConstruction = args.Length > 2 && !flatMode ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
var efList = (args.Length > 3 ? args[3] : "16,32,64,128,256").Split(',').Select(e => int.Parse(e, CultureInfo.InvariantCulture)).ToArray();

var (baseData, n, d) = Fvecs.ReadFloats(Path.Combine(args[0], "base.fvecs"));
var (queryData, queryCount, _) = Fvecs.ReadFloats(Path.Combine(args[0], "query.fvecs"));
var truth = Fvecs.ReadInts(Path.Combine(args[0], "gt.ivecs"));
if (flatMode)
{
    var flatQueries = Math.Min(queryCount, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200);
    foreach (var row in FlatComparison.Run(baseData, n, d, queryData, flatQueries, truth, K))
    {
        Emit(row);
    }

    return 0;
}

var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
var process = Process.GetCurrentProcess();
var cpu = process.TotalProcessorTime;
var clock = Stopwatch.StartNew();
var store = new VectorStore(d, n);
var graph = new HnswGraph(store, m, efConstruction);
for (var i = 0; i < n; i++)
{
    graph.Add(store.Add(baseData.AsSpan(i * d, d)));
}

var build = clock.Elapsed.TotalSeconds;
process.Refresh();
var buildCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
var heapAfter = GC.GetTotalMemory(forceFullCollection: true);

// Keeps the input alive through the measurement so its release does not offset the store's growth.
GC.KeepAlive(baseData);
Emit(new
{
    engine = "lodestar",
    version = typeof(HnswGraph).Assembly.GetName().Version?.ToString(),
    n,
    d,
    m,
    ef_construction = efConstruction,
    build_threads = 1,
    build_seconds = Math.Round(build, 2),
    build_cpu_seconds = Math.Round(buildCpu, 2),
    bytes_per_vector_structures = Math.Round((store.AllocatedBytes + graph.LinkBytes) / (double)n, 1),
    bytes_per_vector_heap = Math.Round((heapAfter - heapBefore) / (double)n, 1),
});

foreach (var ef in efList)
{
    var found = new ScoredId[queryCount * K];
    SearchRange(0, queryCount, ef, found, latencies: null);
    var latencies = new double[queryCount];
    process.Refresh();
    cpu = process.TotalProcessorTime;
    clock.Restart();
    SearchRange(0, queryCount, ef, found, latencies);
    var qps1 = queryCount / clock.Elapsed.TotalSeconds;
    process.Refresh();

    // Queries per CPU-second: robust to other load on a shared box, unlike wall-clock QPS.
    var qpsCpu = queryCount / (process.TotalProcessorTime - cpu).TotalSeconds;
    clock.Restart();
    Parallel.For(0, 2, half => SearchRange(half * queryCount / 2, (half + 1) * queryCount / 2, ef, found, latencies: null));
    var qps2 = queryCount / clock.Elapsed.TotalSeconds;
    var recall = 0.0;
    for (var q = 0; q < queryCount; q++)
    {
        var ids = found.AsSpan(q * K, K).ToArray().Select(h => h.Id);
        recall += (double)ids.Intersect(truth[q].Take(K)).Count() / K;
    }

    Array.Sort(latencies);
    Emit(new
    {
        engine = "lodestar",
        ef_search = ef,
        qps_1t = Math.Round(qps1, 1),
        qps_2t = Math.Round(qps2, 1),
        qps_per_cpu_second = Math.Round(qpsCpu, 1),
        recall_at_10 = Math.Round(recall / queryCount, 4),
        p50_us = Math.Round(latencies[queryCount / 2], 1),
        p99_us = Math.Round(latencies[(int)(queryCount * 0.99)], 1),
    });
}

return 0;

void SearchRange(int from, int to, int ef, ScoredId[] found, double[]? latencies)
{
    for (var q = from; q < to; q++)
    {
        var started = Stopwatch.GetTimestamp();
        graph.Search(queryData.AsSpan(q * d, d), K, ef, found.AsSpan(q * K, K));
        if (latencies is not null)
        {
            latencies[q] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }
    }
}

static void Emit(object row) => Console.WriteLine(JsonSerializer.Serialize(row));
