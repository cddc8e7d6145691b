using System.Globalization;
using Lodestar.Core;
using Lodestar.Models.Data;

namespace Lodestar.Models.Training;

/// <summary>
/// A dataset split into model inputs and a target. Input typing rule: a column whose non-missing cells all parse
/// as numbers is numeric, any other column is categorical; columns with no values at all are dropped.
/// The task follows the target: exactly two distinct values make a binary classifier, otherwise a numeric
/// target makes a regression.
/// </summary>
public sealed class TrainingSet
{
    private TrainingSet(ModelSignature signature, FeatureTable features, double[] target)
    {
        Signature = signature;
        Features = features;
        Target = target;
    }

    public ModelSignature Signature { get; }

    public FeatureTable Features { get; }

    /// <summary>0/1 for classifiers (1 = positive class), the value for regression.</summary>
    public double[] Target { get; }

    /// <summary>Categorical inputs keep their most frequent levels up to this many (the tree learner's bin budget); rarer ones read as missing.</summary>
    public const int MaxCategoryLevels = 255;

    public static TrainingSet Create(TabularDataset data, string target, Algorithm algorithm, int maxCategoryLevels = MaxCategoryLevels)
    {
        ArgumentNullException.ThrowIfNull(data);
        var targetColumn = data.Find(target)
            ?? throw LodestarException.Invalid($"target column '{target}' not found (columns: {string.Join(", ", data.Columns.Select(c => c.Name))})");
        if (targetColumn.MissingCount > 0)
        {
            throw LodestarException.Invalid($"target column '{target}' has {targetColumn.MissingCount} missing values");
        }

        var binary = targetColumn.DistinctCount == 2;
        ModelTask task;
        IReadOnlyList<string>? classes = null;
        if (algorithm == Algorithm.Linear || (!binary && algorithm == Algorithm.Gbdt))
        {
            if (!targetColumn.AllNumeric)
            {
                throw LodestarException.Invalid(
                    $"target column '{target}' is not numeric (row {targetColumn.FirstNonNumericRow + 1}: '{targetColumn.TextAt(targetColumn.FirstNonNumericRow)}'); regression needs numbers, classification needs exactly two distinct values");
            }

            task = ModelTask.Regression;
        }
        else if (binary)
        {
            task = ModelTask.BinaryClassification;
            classes = OrderLabels(targetColumn);
        }
        else
        {
            throw LodestarException.Invalid($"logistic regression needs a target with exactly two distinct values; '{target}' has {targetColumn.DistinctCount?.ToString(CultureInfo.InvariantCulture) ?? "many"}");
        }

        var inputs = new List<InputColumn>();
        foreach (var column in data.Columns)
        {
            if (column.Name == target || column.MissingCount == column.Length)
            {
                continue;
            }

            inputs.Add(column.AllNumeric
                ? new InputColumn(column.Name, ColumnKind.Numeric)
                : new InputColumn(column.Name, ColumnKind.Categorical, FrequentLevels(column, maxCategoryLevels)));
        }

        if (inputs.Count == 0)
        {
            throw LodestarException.Invalid("the data has no input columns besides the target");
        }

        var signature = new ModelSignature(inputs, target, task, classes);
        return new TrainingSet(signature, FeatureTable.From(inputs, data), ReadTarget(signature, data));
    }

    /// <summary>Resolves another dataset (validation, test) against this set's signature.</summary>
    public TrainingSet With(TabularDataset data) => new(Signature, FeatureTable.From(Signature.Inputs, data), ReadTarget(Signature, data));

    private static double[] ReadTarget(ModelSignature signature, TabularDataset data)
    {
        var column = data.Get(signature.Target);
        if (column.MissingCount > 0)
        {
            throw LodestarException.Invalid($"target column '{signature.Target}' has {column.MissingCount} missing values");
        }

        if (signature.Task == ModelTask.Regression)
        {
            if (!column.AllNumeric)
            {
                throw LodestarException.Invalid($"target column '{signature.Target}' is not numeric");
            }

            return column.Numbers;
        }

        var classes = signature.Classes!;
        var y = new double[column.Length];
        for (var row = 0; row < y.Length; row++)
        {
            var label = column.TextAt(row);
            y[row] = label == classes[1] ? 1
                : label == classes[0] ? 0
                : throw LodestarException.Invalid($"target '{signature.Target}' row {row + 1} has label '{label}', expected '{classes[0]}' or '{classes[1]}'");
        }

        return y;
    }

    /// <summary>Numeric labels sort by value (0 before 1), text labels ordinally; the second is the positive class.</summary>
    private static string[] OrderLabels(DataColumn column)
    {
        var labels = column.Levels!.ToArray();
        if (column.AllNumeric)
        {
            Array.Sort(labels, (a, b) => double.Parse(a, CultureInfo.InvariantCulture).CompareTo(double.Parse(b, CultureInfo.InvariantCulture)));
        }
        else
        {
            Array.Sort(labels, StringComparer.Ordinal);
        }

        return labels;
    }

    /// <summary>The most frequent levels (ties by first appearance), at most <paramref name="cap"/>; rarer ones read as missing.</summary>
    private static string[] FrequentLevels(DataColumn column, int cap)
    {
        var levels = column.Levels!;
        if (levels.Length <= cap)
        {
            return levels;
        }

        var counts = new int[levels.Length];
        foreach (var code in column.Codes!)
        {
            if (code >= 0)
            {
                counts[code]++;
            }
        }

        var order = Enumerable.Range(0, levels.Length).OrderByDescending(i => counts[i]).ThenBy(i => i).Take(cap);
        return [.. order.Select(i => levels[i])];
    }
}
