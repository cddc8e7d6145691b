using Lodestar.Models.Data;

namespace Lodestar.Models.Training;

/// <summary>
/// Histogram gradient boosting (LightGBM / scikit-learn HistGradientBoosting style) with binary log-loss or
/// squared error. Optional early stopping holds out a seeded validation fraction (stratified for classifiers)
/// and stops when its loss has not improved for <see cref="GradientBoostingOptions.Patience"/> iterations.
/// </summary>
public static class GradientBoostingTrainer
{
    private const int AutoEarlyStoppingRows = 10_000;

    /// <summary>Below this many rows the per-iteration gradient pass stays on the calling thread: it takes microseconds.</summary>
    private const int ParallelGradientRows = 1 << 15;

    public static GradientBoostedTreesModel Train(TrainingSet set, GradientBoostingOptions? options = null, IProgress<(int Iteration, double ValidationLoss)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        options ??= new GradientBoostingOptions();
        if (options.MaxBins is < 2 or > FeatureBinner.MissingBin)
        {
            throw Core.LodestarException.Invalid($"max bins must be between 2 and {FeatureBinner.MissingBin}");
        }

        var classifier = set.Signature.Task == ModelTask.BinaryClassification;
        var y = set.Target;
        var n = y.Length;
        var earlyStopping = options.EarlyStopping ?? n > AutoEarlyStoppingRows;
        var (trainRows, validRows) = earlyStopping ? Holdout(y, classifier, options) : (Enumerable.Range(0, n).ToArray(), []);

        var binner = FeatureBinner.Fit(Subset(set.Features, trainRows), options.MaxBins, options.Seed);
        var bins = binner.Transform(set.Features);
        var baseScore = Baseline(y, trainRows, classifier);
        var raw = new double[n];
        Array.Fill(raw, baseScore);

        // The hold-out rows get their own compact copies: walking each new tree over rows scattered through the
        // full columns, and summing their loss, missed the cache at every step (~450 ns a row at 200 000 rows).
        var validColumns = Subset(set.Features, validRows).Columns;
        var validTarget = Array.ConvertAll(validRows, row => y[row]);
        var validRaw = new double[validRows.Length];
        Array.Fill(validRaw, baseScore);
        var gradients = new double[n];
        var hessians = new double[n];
        var grower = new TreeGrower(bins, binner, options, new HistogramBuilder(bins, binner.BinCounts, gradients, hessians));
        var rows = new int[trainRows.Length];
        var scratch = new int[trainRows.Length];
        var trees = new List<DecisionTree>();
        var history = new List<double>();

        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ComputeGradients(y, raw, gradients, hessians, classifier);
            Array.Copy(trainRows, rows, rows.Length);
            var (tree, leaves) = grower.Grow(rows, scratch);
            if (leaves.Count == 1)
            {
                break;
            }

            trees.Add(tree);
            foreach (var leaf in leaves)
            {
                foreach (var row in rows.AsSpan(leaf.Start, leaf.Count))
                {
                    raw[row] += leaf.Value;
                }
            }

            if (validRows.Length == 0)
            {
                continue;
            }

            for (var i = 0; i < validRaw.Length; i++)
            {
                validRaw[i] += tree.Value[tree.Leaf(validColumns, i)];
            }

            history.Add(Loss(validTarget, validRaw, classifier));
            progress?.Report((iteration + 1, history[^1]));
            if (ShouldStop(history, options))
            {
                break;
            }
        }

        return new GradientBoostedTreesModel { Signature = set.Signature, BaseScore = baseScore, Trees = trees };
    }

    /// <summary>No improvement of at least tol over the score <c>patience</c> iterations ago (scikit-learn's rule).</summary>
    private static bool ShouldStop(List<double> history, GradientBoostingOptions options)
    {
        if (history.Count <= options.Patience)
        {
            return false;
        }

        var reference = history[^(options.Patience + 1)];
        for (var i = history.Count - options.Patience; i < history.Count; i++)
        {
            if (history[i] < reference - options.Tolerance)
            {
                return false;
            }
        }

        return true;
    }

    private static void ComputeGradients(double[] y, double[] raw, double[] gradients, double[] hessians, bool classifier)
    {
        if (y.Length < ParallelGradientRows)
        {
            ComputeGradients(y, raw, gradients, hessians, classifier, 0, y.Length);
            return;
        }

        var parts = Environment.ProcessorCount;
        Parallel.For(0, parts, part => ComputeGradients(
            y, raw, gradients, hessians, classifier, (int)((long)y.Length * part / parts), (int)((long)y.Length * (part + 1) / parts)));
    }

    private static void ComputeGradients(double[] y, double[] raw, double[] gradients, double[] hessians, bool classifier, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (classifier)
            {
                var p = TabularModel.Sigmoid(raw[i]);
                gradients[i] = p - y[i];
                hessians[i] = p * (1 - p);
            }
            else
            {
                gradients[i] = raw[i] - y[i];
                hessians[i] = 1;
            }
        }
    }

    private static double Baseline(double[] y, int[] rows, bool classifier)
    {
        double sum = 0;
        foreach (var row in rows)
        {
            sum += y[row];
        }

        var mean = sum / rows.Length;
        if (!classifier)
        {
            return mean;
        }

        var clipped = Math.Clamp(mean, 1e-15, 1 - 1e-15);
        return Math.Log(clipped / (1 - clipped));
    }

    private static double Loss(double[] y, double[] raw, bool classifier)
    {
        double total = 0;
        for (var i = 0; i < y.Length; i++)
        {
            total += classifier ? Metrics.LogLoss(y[i], raw[i]) : 0.5 * (raw[i] - y[i]) * (raw[i] - y[i]);
        }

        return total / y.Length;
    }

    /// <summary>A seeded split into training and validation rows; classes keep their proportions.</summary>
    private static (int[] Train, int[] Valid) Holdout(double[] y, bool classifier, GradientBoostingOptions options)
    {
        var random = new Random(options.Seed);
        var groups = classifier
            ? new[] { Enumerable.Range(0, y.Length).Where(i => y[i] == 0).ToArray(), Enumerable.Range(0, y.Length).Where(i => y[i] != 0).ToArray() }
            : [Enumerable.Range(0, y.Length).ToArray()];
        var train = new List<int>(y.Length);
        var valid = new List<int>();
        foreach (var group in groups)
        {
            random.Shuffle(group);
            var validCount = (int)Math.Round(group.Length * options.ValidationFraction);
            valid.AddRange(group.AsSpan(0, validCount));
            train.AddRange(group.AsSpan(validCount));
        }

        train.Sort();
        valid.Sort();
        return ([.. train], [.. valid]);
    }

    private static FeatureTable Subset(FeatureTable features, int[] rows)
    {
        if (rows.Length == features.RowCount)
        {
            return features;
        }

        var columns = new double[features.Columns.Length][];
        for (var f = 0; f < columns.Length; f++)
        {
            var source = features.Columns[f];
            var target = new double[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                target[i] = source[rows[i]];
            }

            columns[f] = target;
        }

        return new FeatureTable(features.Inputs, columns, rows.Length);
    }
}
