using System.Diagnostics;
using System.Globalization;
using Lodestar.Knowledge.Evaluation;
using Lodestar.Knowledge.Indexing;

namespace Lodestar.Bench.Lexical;

/// <summary>
/// Single-threaded end-to-end search benchmark on a BEIR-format dataset: index title + text, then time every
/// test query (analysis + BM25 top-k) over several passes. Prints the same fields as bench/lexical/xapian_bench.py.
/// </summary>
internal static class LexicalRunner
{
    public static int Run(string[] args)
    {
        var dataset = BenchArgs.Option(args, "--dataset") ?? throw new ArgumentException("--dataset DIR is required");
        var k = BenchArgs.Int(args, "--k", 10);
        var repeat = BenchArgs.Int(args, "--repeat", 3);

        var load = Stopwatch.StartNew();
        var data = BeirDataset.Load(dataset, "test");
        load.Stop();

        var indexingCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var indexing = Stopwatch.StartNew();
        using var index = LexicalIndex.CreateInMemory();
        index.Add(data.Corpus.Select(d => new LexicalDocument(d.Id, d.Id, d.Title, d.Text)));
        index.Commit();
        indexing.Stop();
        indexingCpu = Process.GetCurrentProcess().TotalProcessorTime - indexingCpu;

        var queries = data.Queries.OrderBy(q => q.Key, StringComparer.Ordinal).ToArray();
        var run = new Dictionary<string, IReadOnlyList<(string DocumentId, double Score)>>();
        foreach (var (id, text) in queries)
        {
            run[id] = index.Search(text, k).Select(h => (h.DocumentId, (double)h.Score)).ToList();
        }

        var latencies = new List<double>(queries.Length * repeat);
        var cpuLatencies = new List<double>(queries.Length * repeat);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var total = Stopwatch.StartNew();
        for (var pass = 0; pass < repeat; pass++)
        {
            foreach (var (_, text) in queries)
            {
                var cpuStart = ThreadCpuClock.NowMilliseconds();
                var start = Stopwatch.GetTimestamp();
                index.Search(text, k);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                cpuLatencies.Add(ThreadCpuClock.NowMilliseconds() - cpuStart);
            }
        }

        total.Stop();
        var allocatedPerQuery = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / latencies.Count;
        latencies.Sort();
        cpuLatencies.Sort();
        var report = TrecEvaluator.Evaluate(data.Qrels, run);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine=lodestar docs={index.Count} queries={queries.Length} k={k} repeat={repeat} load_s={load.Elapsed.TotalSeconds:F2} " +
            $"index_s={indexing.Elapsed.TotalSeconds:F2} index_cpu_s={indexingCpu.TotalSeconds:F2} qps={latencies.Count / total.Elapsed.TotalSeconds:F0} " +
            $"p50_ms={Percentile(latencies, 0.50):F3} p99_ms={Percentile(latencies, 0.99):F3} cpu_qps={cpuLatencies.Count / (cpuLatencies.Sum() / 1000):F0} " +
            $"cpu_p50_ms={Percentile(cpuLatencies, 0.50):F3} cpu_p99_ms={Percentile(cpuLatencies, 0.99):F3} ndcg10={report.NdcgAt10:F4} alloc_bytes_per_query={allocatedPerQuery}"));
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
