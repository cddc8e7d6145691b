using System.Diagnostics;
using System.Globalization;
using Lodestar.Bench.Lexical;
using Lodestar.Models.Data;
using Lodestar.Models.Training;

namespace Lodestar.Bench.Serving;

/// <summary>
/// GBDT scoring of the serving benchmark's model (trained here exactly as `serving lodestar` trains it): the node walk
/// (<see cref="FlatForest"/>) against <see cref="QuickScorer"/>, one row per call (as a request) and 64 rows per call
/// (a micro-batch), alternating within every round. Prints ns/row in thread CPU time and wall time, per round and as
/// medians, and the walk / QuickScorer ratio. Scores are checked equal bit for bit before timing.
/// </summary>
internal static class GbdtScoringRunner
{
    private const int Rows = 4096;
    private const int Batch = 64;

    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 9;
        var set = TrainingSet.Create(Read(ServingTrainingData.Csv(20_000, seed: 7)), "label", Algorithm.Gbdt);
        var model = GradientBoostingTrainer.Train(set);
        var rows = FeatureTable.From(model.Signature.Inputs, Read(ServingTrainingData.Csv(Rows, seed: 8)));
        var scorers = new (string Name, ForestScorer Scorer)[]
        {
            ("walk", FlatForest.From(model.Trees)),
            ("quick", QuickScorer.TryFrom(model.Trees) ?? throw new InvalidOperationException("the bench model's trees should fit QuickScorer")),
        };
        Describe(model);
        if (!Same(scorers[0].Scorer, scorers[1].Scorer, rows.Columns))
        {
            Console.Error.WriteLine("scores differ between the walk and QuickScorer");
            return 1;
        }

        var shapes = new (string Name, double[][][] Chunks)[] { ("row", Chunk(rows.Columns, 1)), ("batch64", Chunk(rows.Columns, Batch)) };
        var results = new List<(string Shape, string Scorer, double Cpu, double Wall)>();
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var (shape, chunks) in shapes)
            {
                // Round 0 warms the JIT up and is not reported; the order flips every round so drift hits both alike.
                var order = round % 2 == 0 ? scorers : [scorers[1], scorers[0]];
                foreach (var (name, scorer) in order)
                {
                    var (cpu, wall) = Time(scorer, chunks, model.BaseScore);
                    if (round > 0)
                    {
                        Console.WriteLine(FormattableString.Invariant($"round={round} shape={shape} scorer={name} cpu_ns_per_row={cpu:F1} wall_ns_per_row={wall:F1}"));
                        results.Add((shape, name, cpu, wall));
                    }
                }
            }
        }

        foreach (var (shape, _) in shapes)
        {
            var walk = results.Where(r => r.Shape == shape && r.Scorer == "walk").ToList();
            var quick = results.Where(r => r.Shape == shape && r.Scorer == "quick").ToList();
            var ratios = walk.Select((w, i) => w.Cpu / quick[i].Cpu).ToList();
            Console.WriteLine(FormattableString.Invariant(
                $"median shape={shape} walk_cpu_ns={Median(walk.Select(w => w.Cpu))} quick_cpu_ns={Median(quick.Select(q => q.Cpu))} walk_wall_ns={Median(walk.Select(w => w.Wall))} quick_wall_ns={Median(quick.Select(q => q.Wall))} ratio_cpu={Median(ratios):F2}"));
        }

        return 0;
    }

    private static TabularDataset Read(string csv) => TabularDataset.Read(new StringReader(csv));

    private static void Describe(GradientBoostedTreesModel model)
    {
        var nodes = model.Trees.Sum(t => t.Feature.Length);
        var leaves = model.Trees.Sum(t => t.Feature.Count(f => f < 0));
        var categorical = model.Trees.Sum(t => t.IsCategorical.Count(c => c));
        Console.WriteLine($"model trees={model.Trees.Count} nodes={nodes} leaves={leaves} categorical_nodes={categorical} rows={Rows}");
    }

    private static bool Same(ForestScorer a, ForestScorer b, double[][] columns)
    {
        var (x, y) = (new double[Rows], new double[Rows]);
        a.AddTo(columns, x);
        b.AddTo(columns, y);
        return x.AsSpan().SequenceEqual(y);
    }

    /// <summary>The rows as column-major chunks of <paramref name="size"/> rows: what each AddTo call sees.</summary>
    private static double[][][] Chunk(double[][] columns, int size)
    {
        var chunks = new double[Rows / size][][];
        for (var c = 0; c < chunks.Length; c++)
        {
            chunks[c] = [.. columns.Select(column => column.AsSpan(c * size, size).ToArray())];
        }

        return chunks;
    }

    /// <summary>Nanoseconds per row (thread CPU, wall) over passes through all chunks, about 0.3 s in all.</summary>
    private static (double Cpu, double Wall) Time(ForestScorer scorer, double[][][] chunks, double baseScore)
    {
        var output = new double[chunks[0][0].Length];
        var passes = 0;
        var cpu = ThreadCpuClock.NowMilliseconds();
        var wall = Stopwatch.StartNew();
        while (wall.ElapsedMilliseconds < 300)
        {
            foreach (var chunk in chunks)
            {
                output.AsSpan().Fill(baseScore);
                scorer.AddTo(chunk, output);
            }

            passes++;
        }

        var rows = (double)passes * Rows;
        return ((ThreadCpuClock.NowMilliseconds() - cpu) * 1e6 / rows, wall.Elapsed.TotalMilliseconds * 1e6 / rows);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return Math.Round(sorted[sorted.Count / 2], 1);
    }
}
