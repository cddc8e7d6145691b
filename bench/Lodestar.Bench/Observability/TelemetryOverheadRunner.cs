using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Knowledge.Answering;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Search;
using Lodestar.Knowledge.Sync;
using Lodestar.Observability.Metrics;
using Lodestar.Observability.Tracing;
using Lodestar.Server.Composition;
using Lodestar.Server.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Bench.Observability;

/// <summary>Search and ask throughput with telemetry off, with in-process listeners and with OTLP export (bench/observability/run.sh).</summary>
internal static class TelemetryOverheadRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        // Telemetry overhead: the same search and ask workload over a SciFact subset with telemetry off, with in-process
        // listeners on (the /metrics Prometheus exporter's MeterListener plus an ActivityListener sampling every span), and
        // with OTLP export (traces and metrics, every span sampled) to a loopback sink. Configurations alternate in short
        // slices, in a rotating order, so drift from the shared machine hits all of them alike; the median slice is reported,
        // both as wall-clock throughput and as operations per CPU-second of this process (exporter threads included), which
        // other processes on the machine disturb far less.
        // Usage: Lodestar.Bench observability SCIFACT_DIR [docs=1000] [seconds=1] [rounds=15]
        var scifact = args.Length > 0 ? args[0] : throw new ArgumentException("usage: SCIFACT_DIR [docs] [seconds] [rounds]");
        var docs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 15;

        var work = Directory.CreateTempSubdirectory("lodestar-obs-bench-");
        try
        {
            var corpus = Path.Combine(work.FullName, "corpus");
            Directory.CreateDirectory(corpus);
            var written = 0;
            foreach (var line in File.ReadLines(Path.Combine(scifact, "corpus.jsonl")).Take(docs))
            {
                using var doc = JsonDocument.Parse(line);
                var id = doc.RootElement.GetProperty("_id").GetString()!;
                File.WriteAllText(Path.Combine(corpus, id + ".md"), "# " + doc.RootElement.GetProperty("title").GetString() + "\n\n" + doc.RootElement.GetProperty("text").GetString() + "\n");
                written++;
            }

            var queries = File.ReadLines(Path.Combine(scifact, "queries.jsonl")).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!).Take(300).ToArray();
            await using var services = new ServiceCollection().AddLodestar(new LodestarHostOptions { DataDirectory = Path.Combine(work.FullName, "data"), Embeddings = EmbeddingSource.None }).BuildServiceProvider();
            var kb = new KnowledgeBaseId(Principal.DefaultTenant, "scifact");
            var ingest = Stopwatch.StartNew();
            await services.GetRequiredService<IngestionService>().IngestAsync(kb, corpus, Principal.LocalAdministrator);
            var searcher = services.GetRequiredService<KnowledgeSearcher>();
            var assistant = services.GetRequiredService<KnowledgeAssistant>();
            var observer = services.GetRequiredService<AskObserver>();
            await searcher.SearchAsync(new SearchRequest(kb, queries[0], Principal.LocalAdministrator, SearchMode.Bm25, 10, false));
            Console.Error.WriteLine($"ingested {written} documents and built the index in {ingest.Elapsed.TotalSeconds:0.0} s");

            var next = 0;
            Func<Task> search = () => searcher.SearchAsync(new SearchRequest(kb, queries[next++ % queries.Length], Principal.LocalAdministrator, SearchMode.Bm25, 10, false));
            Func<Task> ask = () => observer.AskAsync(new AskRequest(kb, queries[next++ % queries.Length], Principal.LocalAdministrator), null, _ => { }, assistant.AskAsync, CancellationToken.None);
            await using var sink = new OtlpSink();
            var configurations = new (string Name, Func<IDisposable?> Start)[]
            {
                ("off", () => null),
                ("listeners", () => new InProcessListeners()),
                ("otlp", () =>
                {
                    Environment.SetEnvironmentVariable("LODESTAR_OTLP_ENDPOINT", sink.Address);
                    return OtlpExport.FromEnvironment("lodestar-bench");
                }),
            };
            var results = configurations.ToDictionary(c => c.Name, _ => (Search: new List<Rate>(), Ask: new List<Rate>()));
            for (var round = 0; round < rounds; round++)
            {
                // Rotate the order each round: no configuration always runs first (cold) or last.
                for (var i = 0; i < configurations.Length; i++)
                {
                    var (name, start) = configurations[(i + round) % configurations.Length];
                    using (start())
                    {
                        results[name].Search.Add(await ThroughputAsync(search, seconds));
                        results[name].Ask.Add(await ThroughputAsync(ask, seconds));
                    }
                }
            }

            var off = results["off"];
            Console.WriteLine("| telemetry | search ops/CPU-s | vs off | search ops/s (wall) | vs off | ask ops/CPU-s | vs off | ask ops/s (wall) | vs off |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (name, _) in configurations)
            {
                var (searches, asks) = results[name];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {Median(searches, r => r.PerCpuSecond):0} | {Median(searches, r => r.PerCpuSecond) / Median(off.Search, r => r.PerCpuSecond):0.000} " +
                    $"| {Median(searches, r => r.PerSecond):0} | {Median(searches, r => r.PerSecond) / Median(off.Search, r => r.PerSecond):0.000} " +
                    $"| {Median(asks, r => r.PerCpuSecond):0} | {Median(asks, r => r.PerCpuSecond) / Median(off.Ask, r => r.PerCpuSecond):0.000} " +
                    $"| {Median(asks, r => r.PerSecond):0} | {Median(asks, r => r.PerSecond) / Median(off.Ask, r => r.PerSecond):0.000} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\n{written} SciFact documents (BM25 search k=10; extractive ask through AskObserver, recorded), {rounds} rounds of {seconds} s slices per workload and configuration (median shown); OTLP sink received {sink.Requests} requests, {sink.Bytes} bytes; listeners saw {InProcessListeners.Spans} spans."));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }

        return 0;

        static async Task<Rate> ThroughputAsync(Func<Task> operation, double seconds)
        {
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var operations = 0;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                await operation();
                operations++;
            }

            var wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            return new Rate(operations / wall, operations / (process.TotalProcessorTime - cpuBefore).TotalSeconds);
        }

        static double Median(List<Rate> values, Func<Rate, double> measure)
        {
            var sorted = values.Select(measure).Order().ToArray();
            return sorted[sorted.Length / 2];
        }
    }
}

/// <summary>Operations per wall-clock second and per CPU-second of this process.</summary>
internal readonly record struct Rate(double PerSecond, double PerCpuSecond);

/// <summary>What <c>lodestar serve</c> runs in-process: the Prometheus exporter's MeterListener, plus an ActivityListener recording every Lodestar span.</summary>
internal sealed class InProcessListeners : IDisposable
{
    private static long _spans;
    private readonly PrometheusExporter _metrics = new();
    private readonly ActivityListener _traces;

    public InProcessListeners()
    {
        _traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Lodestar", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => Interlocked.Increment(ref _spans),
        };
        ActivitySource.AddActivityListener(_traces);
    }

    public static long Spans => Interlocked.Read(ref _spans);

    public void Dispose()
    {
        // One scrape per round: the exposition text is part of what the exporter costs.
        _ = _metrics.Scrape();
        _traces.Dispose();
        _metrics.Dispose();
    }
}

/// <summary>A loopback OTLP/HTTP receiver that accepts and counts every export.</summary>
internal sealed class OtlpSink : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private long _requests;
    private long _bytes;

    public OtlpSink()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Address = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Address);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Address { get; }

    public long Requests => Interlocked.Read(ref _requests);

    public long Bytes => Interlocked.Read(ref _bytes);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception error) when (error is HttpListenerException or ObjectDisposedException)
        {
            // Stopping the listener ends the pending accept this way.
        }

        _listener.Close();
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _bytes, body.Length);
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}
