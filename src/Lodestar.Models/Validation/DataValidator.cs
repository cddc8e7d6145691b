using System.Globalization;
using System.Text.RegularExpressions;
using Lodestar.Core;
using Lodestar.Models.Data;

namespace Lodestar.Models.Validation;

/// <summary>Evaluates an <see cref="ExpectationSuite"/> on a dataset: row-level checks count failing cells, aggregate checks compare one statistic.</summary>
public static class DataValidator
{
    public static ValidationReport Validate(TabularDataset data, ExpectationSuite suite)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(suite);
        suite.Check();
        var results = new List<ExpectationResult>(suite.Expectations.Count);
        foreach (var expectation in suite.Expectations)
        {
            results.Add(Evaluate(data, expectation));
        }

        return new ValidationReport(suite.Name, results.TrueForAll(r => r.Success), data.RowCount, results);
    }

    private static ExpectationResult Evaluate(TabularDataset data, Expectation e)
    {
        if (e.Type == ExpectationTypes.RowCount)
        {
            var rows = data.RowCount;
            return new ExpectationResult(e, Within(rows, e), 1, Within(rows, e) ? 0 : 1, $"{rows} rows", null);
        }

        var column = data.Find(e.Column!);
        if (column is null)
        {
            return new ExpectationResult(e, false, 0, 0, "column is missing", null);
        }

        return e.Type switch
        {
            ExpectationTypes.NotNull => new ExpectationResult(e, Passes(column.MissingCount, column.Length, e), column.Length, column.MissingCount,
                $"{column.MissingCount} missing of {column.Length}", FirstMissing(column)),
            ExpectationTypes.Between => CountFailures(e, column, row => double.IsNaN(column.Numbers[row]) || !Within(column.Numbers[row], e), "outside the range or not a number"),
            ExpectationTypes.InSet => InSet(e, column),
            ExpectationTypes.Unique => Unique(e, column),
            ExpectationTypes.Regex => Matches(e, column),
            _ => Aggregate(e, column),
        };
    }

    private static ExpectationResult InSet(Expectation e, DataColumn column)
    {
        var allowed = new HashSet<string>(e.Values!, StringComparer.Ordinal);
        return CountFailures(e, column, row => !allowed.Contains(TextOf(column, row)!), "not in the allowed set");
    }

    private static ExpectationResult Unique(Expectation e, DataColumn column)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return CountFailures(e, column, row => !seen.Add(TextOf(column, row)!), "duplicates");
    }

    private static ExpectationResult Matches(Expectation e, DataColumn column)
    {
        var regex = new Regex($"^(?:{e.Pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return CountFailures(e, column, row => !regex.IsMatch(TextOf(column, row)!), "do not match");
    }

    /// <summary>Applies <paramref name="fails"/> to every non-missing cell.</summary>
    private static ExpectationResult CountFailures(Expectation e, DataColumn column, Func<int, bool> fails, string what)
    {
        var evaluated = 0;
        var failed = 0;
        int? first = null;
        for (var row = 0; row < column.Length; row++)
        {
            if (IsMissing(column, row))
            {
                continue;
            }

            evaluated++;
            if (fails(row))
            {
                failed++;
                first ??= row;
            }
        }

        return new ExpectationResult(e, Passes(failed, evaluated, e), evaluated, failed, $"{failed} of {evaluated} {what}", first);
    }

    private static ExpectationResult Aggregate(Expectation e, DataColumn column)
    {
        if (column.FirstNonNumericRow >= 0)
        {
            return new ExpectationResult(e, false, 0, 0, $"not numeric (data row {column.FirstNonNumericRow + 1})", column.FirstNonNumericRow);
        }

        var values = column.Numbers.Where(v => !double.IsNaN(v)).ToArray();
        if (values.Length == 0)
        {
            return new ExpectationResult(e, false, 0, 0, "no values", null);
        }

        var statistic = e.Type switch
        {
            ExpectationTypes.MeanBetween => MathNet.Numerics.Statistics.Statistics.Mean(values),
            ExpectationTypes.StdevBetween => values.Length < 2 ? 0 : MathNet.Numerics.Statistics.Statistics.StandardDeviation(values),
            _ => Quantile(values, e.Quantile!.Value),
        };
        var ok = Within(statistic, e);
        return new ExpectationResult(e, ok, values.Length, ok ? 0 : 1, statistic.ToString("G6", CultureInfo.InvariantCulture), null);
    }

    /// <summary>Linear interpolation between order statistics (numpy's default quantile method).</summary>
    internal static double Quantile(double[] values, double q)
    {
        Array.Sort(values);
        var position = q * (values.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, values.Length - 1);
        return values[lower] + ((position - lower) * (values[upper] - values[lower]));
    }

    private static bool Within(double value, Expectation e) => (e.Min is not { } min || value >= min) && (e.Max is not { } max || value <= max);

    private static bool Passes(int failed, int evaluated, Expectation e) =>
        failed == 0 || (e.Mostly is { } mostly && evaluated > 0 && (evaluated - failed) >= mostly * evaluated);

    private static bool IsMissing(DataColumn column, int row) =>
        column.Codes is { } codes ? codes[row] < 0 : column.FirstNonNumericRow < 0 && double.IsNaN(column.Numbers[row]);

    private static int? FirstMissing(DataColumn column)
    {
        if (column.Codes is null && column.FirstNonNumericRow >= 0)
        {
            return null;
        }

        for (var row = 0; row < column.Length; row++)
        {
            if (IsMissing(column, row))
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>The cell's text: dictionary-coded columns keep it; wide numeric columns give the number back as text.</summary>
    private static string? TextOf(DataColumn column, int row)
    {
        if (column.Codes is not null)
        {
            return column.TextAt(row);
        }

        if (column.FirstNonNumericRow >= 0)
        {
            throw LodestarException.Invalid($"column '{column.Name}' has more than {TabularDataset.DictionaryCap} distinct text values; text checks cannot run on it");
        }

        return double.IsNaN(column.Numbers[row]) ? null : column.Numbers[row].ToString("R", CultureInfo.InvariantCulture);
    }
}
