using System.Diagnostics;
using System.Text.Json;
using Lodestar.Models.Encoders;

namespace Lodestar.Bench.Encoder;

/// <summary>Encoder throughput on the inputs and batch sizes of tools/encoder-reference/bench.js (bench/encoder/run.sh).</summary>
internal static class EncoderRunner
{
    public static int Run(string[] args)
    {
        // Encoder throughput: the same inputs and batch sizes as tools/encoder-reference/bench.js.
        // Usage: Lodestar.Bench encoder <inputs.json> <seconds-per-batch-size> [batch sizes...]
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: Lodestar.Bench encoder <inputs.json> <seconds-per-batch-size> [batch sizes, default 1 8 32]");
            return 2;
        }

        // Shared with tools/encoder-reference/bench.js: p99 needs a few batches even when one outlasts the time box.
        const int MinBatches = 3;
        var inputs = JsonSerializer.Deserialize<string[]>(File.ReadAllText(args[0])) ?? [];
        var seconds = double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        int[] batchSizes = args.Length > 2 ? [.. args.Skip(2).Select(int.Parse)] : [1, 8, 32];
        var directory = ModelCache.TryLocate() ?? throw new InvalidOperationException("model not cached; run scripts/fetch-model.sh");
        var encoder = UniversalSentenceEncoder.Load(directory);
        encoder.EmbedBatch(inputs.Take(32).ToArray());

        foreach (var batchSize in batchSizes)
        {
            var latencies = new List<double>();
            var embedded = 0;
            var next = 0;
            var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            var total = Stopwatch.StartNew();
            while (total.Elapsed.TotalSeconds < seconds || latencies.Count < MinBatches)
            {
                var batch = new string[batchSize];
                for (var i = 0; i < batchSize; i++)
                {
                    batch[i] = inputs[next++ % inputs.Length];
                }

                var watch = Stopwatch.StartNew();
                encoder.EmbedBatch(batch);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                embedded += batchSize;
            }

            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
            latencies.Sort();
            var p99 = latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(latencies.Count * 0.99) - 1)];
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                engine = "lodestar-csharp",
                batch = batchSize,
                sentencesPerSecond = Math.Round(embedded / total.Elapsed.TotalSeconds, 1),
                sentencesPerCpuSecond = Math.Round(embedded / cpuSeconds, 1),
                p99Ms = Math.Round(p99, 2),
                batches = latencies.Count,
                processors = Environment.ProcessorCount,
            }));
        }

        return 0;
    }
}
