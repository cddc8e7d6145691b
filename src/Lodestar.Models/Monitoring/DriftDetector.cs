using System.Globalization;
using Lodestar.Core;
using Lodestar.Models.Data;

namespace Lodestar.Models.Monitoring;

/// <summary>
/// Column-wise data drift between a reference and a current dataset, with Evidently's defaults.
/// Column typing rule: a column is numeric when every non-missing value in both datasets parses as a number and
/// together they hold more than 5 distinct values (Evidently's cut-off); anything else is categorical, so a 0/1
/// flag or a 1-5 rating is compared as categories. Missing values are dropped first; a column empty on either
/// side is left out. Default method: reference of at most 1000 values → KS (numeric) / chi-squared
/// (categorical), p &lt; 0.05; larger → normed Wasserstein (numeric) / Jensen-Shannon (categorical), ≥ 0.1.
/// </summary>
public static class DriftDetector
{
    private const int NumericDistinctValues = 5;

    public static DriftReport Detect(TabularDataset reference, TabularDataset current, DriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new DriftOptions();
        if (options.Bins < 2)
        {
            throw LodestarException.Invalid("drift binning needs at least 2 bins");
        }

        foreach (var name in options.ColumnMethods.Keys)
        {
            _ = reference.Find(name) ?? throw LodestarException.Invalid($"--column-method names '{name}', which the reference data does not have");
        }

        var columns = new Dictionary<string, ColumnDrift>(StringComparer.Ordinal);
        foreach (var column in reference.Columns)
        {
            var other = current.Find(column.Name)
                ?? throw LodestarException.Invalid($"column '{column.Name}' is in the reference data but not in the current data");
            var numeric = IsNumeric(column, other);
            var numberKeys = column.AllNumeric && other.AllNumeric;
            var referenceSample = Sample(column, numeric, numberKeys);
            var currentSample = Sample(other, numeric, numberKeys);
            if (referenceSample.Keys.Length == 0 || currentSample.Keys.Length == 0)
            {
                continue;
            }

            var method = options.ColumnMethods.TryGetValue(column.Name, out var chosen) ? chosen
                : options.Method ?? DefaultMethod(numeric, referenceSample.Keys.Length, options.LargeReferenceRows);
            columns[column.Name] = Test(column.Name, method, numeric, referenceSample, currentSample, options);
        }

        var drifted = columns.Values.Count(c => c.Drift);
        var share = columns.Count == 0 ? 0 : drifted / (double)columns.Count;
        return new DriftReport(columns.Count > 0 && share >= options.DatasetDriftShare, share, columns);
    }

    private static DriftMethod DefaultMethod(bool numeric, int referenceRows, int largeReferenceRows) =>
        referenceRows <= largeReferenceRows
            ? (numeric ? DriftMethod.Ks : DriftMethod.ChiSquare)
            : (numeric ? DriftMethod.Wasserstein : DriftMethod.JensenShannon);

    private static ColumnDrift Test(string name, DriftMethod method, bool numeric, ColumnSample reference, ColumnSample current, DriftOptions options)
    {
        if (method is DriftMethod.Ks or DriftMethod.Wasserstein && !numeric)
        {
            throw LodestarException.Invalid($"column '{name}' is categorical; {DriftMethods.Name(method)} needs numbers (use chisquare, jensenshannon, psi or kl)");
        }

        var threshold = options.Threshold ?? DriftMethods.DefaultThreshold(method);
        double statistic;
        double? pValue = null;
        switch (method)
        {
            case DriftMethod.Ks:
                (statistic, var ksP) = KolmogorovSmirnov.Test(reference.Numbers, current.Numbers);
                pValue = ksP;
                break;
            case DriftMethod.ChiSquare:
                var (referenceCounts, currentCounts) = DriftBinning.CountKeys(reference.Keys, current.Keys);
                // Evidently: expected = reference counts scaled to the current size.
                var scale = current.Keys.Length / (double)reference.Keys.Length;
                for (var i = 0; i < referenceCounts.Length; i++)
                {
                    referenceCounts[i] *= scale;
                }

                (statistic, var chiP) = DistributionDistances.ChiSquare(currentCounts, referenceCounts);
                pValue = chiP;
                break;
            case DriftMethod.Wasserstein:
                var deviation = Math.Max(PopulationStandardDeviation(reference.Numbers!), 0.001);
                statistic = DistributionDistances.Wasserstein(reference.Numbers, current.Numbers) / deviation;
                break;
            default:
                var (p, q) = DriftBinning.Proportions(reference, current, options.Bins, fillZeroes: method != DriftMethod.JensenShannon);
                statistic = method switch
                {
                    DriftMethod.JensenShannon => DistributionDistances.JensenShannon(p, q),
                    DriftMethod.Psi => DistributionDistances.PopulationStability(p, q),
                    _ => DistributionDistances.KullbackLeibler(p, q),
                };
                break;
        }

        var drift = pValue is { } probability ? probability < threshold : statistic >= threshold;
        return new ColumnDrift(DriftMethods.Name(method), numeric ? "numeric" : "categorical", double.IsFinite(statistic) ? statistic : null, pValue, threshold, drift);
    }

    private static bool IsNumeric(DataColumn reference, DataColumn current)
    {
        if (!reference.AllNumeric || !current.AllNumeric)
        {
            return false;
        }

        var distinct = new HashSet<double>();
        foreach (var x in reference.Numbers.Concat(current.Numbers))
        {
            if (!double.IsNaN(x) && distinct.Add(x) && distinct.Count > NumericDistinctValues)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Non-missing values; when both sides are all numbers, keys are the values so "1" and "1.0" match.</summary>
    private static ColumnSample Sample(DataColumn column, bool numeric, bool numberKeys)
    {
        var count = column.Length - column.MissingCount;
        var keys = new string[count];
        var numbers = numberKeys ? new double[count] : null;
        var next = 0;
        for (var row = 0; row < column.Length; row++)
        {
            var x = column.Numbers[row];
            if (numbers is not null)
            {
                if (double.IsNaN(x))
                {
                    continue;
                }

                numbers[next] = x;
                keys[next++] = x.ToString("R", CultureInfo.InvariantCulture);
            }
            else if (column.TextAt(row) is { } text)
            {
                keys[next++] = text;
            }
        }

        return new ColumnSample(keys, numeric ? numbers : null);
    }

    private static double PopulationStandardDeviation(double[] values)
    {
        double mean = 0;
        foreach (var x in values)
        {
            mean += x;
        }

        mean /= values.Length;
        double squares = 0;
        foreach (var x in values)
        {
            squares += (x - mean) * (x - mean);
        }

        return Math.Sqrt(squares / values.Length);
    }
}
