using System.Diagnostics;
using System.Text.Json;
using Lodestar.Models.Data;
using Lodestar.Models.Training;

namespace Lodestar.Bench.Mlops;

/// <summary>
/// Trains Lodestar's logistic regression and gradient-boosted trees on DATA_DIR/DATASET/train.csv and prints
/// one JSON line per (dataset, algorithm) in the same shape as sklearn_baseline.py. Training time excludes CSV
/// parsing on both sides (numpy.loadtxt there, TabularDataset here) but includes binning and standardisation.
/// Python's learners are precompiled C; .NET's tiered JIT needs warm-up for steady-state code: one untimed short
/// run first, and below 100 000 rows <see cref="WarmupFits"/> untimed full fits of each learner on each dataset
/// (a server retrains the same shapes repeatedly; a 15 ms fit would otherwise run largely in tier-0 code).
/// </summary>
internal static class MlopsRunner
{
    private const int WarmupFits = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: Lodestar.Bench mlops DATA_DIR dataset [dataset ...]");
            return 2;
        }

        // Warm-up: JIT-compile both learners on the first dataset so the timed runs measure steady-state code.
        var warmup = TrainingSet.Create(await TabularDataset.LoadCsvAsync(Path.Combine(args[0], args[1], "train.csv")), "target", Algorithm.Gbdt);
        _ = GradientBoostingTrainer.Train(warmup, new GradientBoostingOptions { MaxIterations = 5 });
        _ = LinearTrainer.Train(warmup);

        foreach (var name in args[1..])
        {
            var train = await TabularDataset.LoadCsvAsync(Path.Combine(args[0], name, "train.csv"));
            var test = await TabularDataset.LoadCsvAsync(Path.Combine(args[0], name, "test.csv"));
            foreach (var algorithm in new[] { Algorithm.Logistic, Algorithm.Gbdt })
            {
                var set = TrainingSet.Create(train, "target", algorithm);
                var holdout = set.With(test);
                // Median of 5 fits below 100 000 rows, one fit above (as sklearn_baseline.py).
                var small = set.Target.Length < 100_000;
                var repeats = small ? 5 : 1;
                var times = new double[repeats];
                TabularModel model = null!;
                for (var i = small ? -WarmupFits : 0; i < repeats; i++)
                {
                    var clock = Stopwatch.StartNew();
                    model = algorithm == Algorithm.Gbdt ? GradientBoostingTrainer.Train(set) : LinearTrainer.Train(set);
                    if (i >= 0)
                    {
                        times[i] = clock.Elapsed.TotalSeconds;
                    }
                }

                Array.Sort(times);
                var seconds = times[repeats / 2];
                var auc = Metrics.Auc(holdout.Target, model.Predict(holdout.Features));
                var trees = model is GradientBoostedTreesModel gbdt ? gbdt.Trees.Count : 0;
                Console.WriteLine(JsonSerializer.Serialize(new { dataset = name, algo = algorithm.ToString().ToLowerInvariant(), auc, train_seconds = seconds, trees }));
            }
        }

        return 0;
    }
}
