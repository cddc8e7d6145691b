namespace Lodestar.Models.Training;

/// <summary>Evaluation metrics: AUC, log-loss and accuracy for classifiers; RMSE, MAE and R^2 for regression.</summary>
public static class Metrics
{
    /// <summary>Metrics of predictions (probabilities or values) against the truth, keyed as the CLI prints them.</summary>
    public static IReadOnlyDictionary<string, double> Evaluate(ModelTask task, ReadOnlySpan<double> truth, ReadOnlySpan<double> predictions)
    {
        if (task == ModelTask.BinaryClassification)
        {
            double logLoss = 0;
            var correct = 0;
            for (var i = 0; i < truth.Length; i++)
            {
                var p = Math.Clamp(predictions[i], 1e-15, 1 - 1e-15);
                logLoss -= truth[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
                correct += (predictions[i] >= 0.5) == (truth[i] == 1) ? 1 : 0;
            }

            var metrics = new Dictionary<string, double>
            {
                ["logloss"] = logLoss / truth.Length,
                ["accuracy"] = correct / (double)truth.Length,
            };

            // AUC is undefined when only one class is present; leave it out rather than report NaN.
            var auc = Auc(truth, predictions);
            if (!double.IsNaN(auc))
            {
                metrics["auc"] = auc;
            }

            return metrics;
        }

        double squared = 0, absolute = 0, mean = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            mean += truth[i];
        }

        mean /= truth.Length;
        double variance = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            var error = predictions[i] - truth[i];
            squared += error * error;
            absolute += Math.Abs(error);
            variance += (truth[i] - mean) * (truth[i] - mean);
        }

        return new Dictionary<string, double>
        {
            ["rmse"] = Math.Sqrt(squared / truth.Length),
            ["mae"] = absolute / truth.Length,
            ["r2"] = variance > 0 ? 1 - (squared / variance) : 0,
        };
    }

    /// <summary>Area under the ROC curve via the rank-sum statistic, ties sharing their average rank.</summary>
    public static double Auc(ReadOnlySpan<double> truth, ReadOnlySpan<double> scores)
    {
        var order = new int[truth.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = scores.ToArray();
        Array.Sort(keys, order);
        double positiveRankSum = 0;
        long positives = 0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && keys[end + 1] == keys[start])
            {
                end++;
            }

            var averageRank = ((start + end) / 2.0) + 1;
            for (var i = start; i <= end; i++)
            {
                if (truth[order[i]] == 1)
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }

            start = end + 1;
        }

        var negatives = truth.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }

    /// <summary>Binary log-loss of a raw score (log-odds), computed without overflow.</summary>
    public static double LogLoss(double label, double raw) =>
        Math.Max(raw, 0) - (raw * label) + Math.Log(1 + Math.Exp(-Math.Abs(raw)));
}
