using Lodestar.Core;
using Lodestar.Models.Data;

namespace Lodestar.Models.Training;

/// <summary>
/// Model inputs resolved against a signature, column-major: numbers as parsed, categories as the index of their
/// level in the signature; NaN marks a missing value or a category the model never saw.
/// </summary>
public sealed class FeatureTable
{
    public FeatureTable(IReadOnlyList<InputColumn> inputs, double[][] columns, int rowCount)
    {
        Inputs = inputs;
        Columns = columns;
        RowCount = rowCount;
    }

    public IReadOnlyList<InputColumn> Inputs { get; }

    public double[][] Columns { get; }

    public int RowCount { get; }

    /// <summary>Reads the inputs of <paramref name="signature"/> from <paramref name="data"/>; extra columns are ignored.</summary>
    public static FeatureTable From(IReadOnlyList<InputColumn> inputs, TabularDataset data)
    {
        var columns = new double[inputs.Count][];
        for (var f = 0; f < inputs.Count; f++)
        {
            var input = inputs[f];
            var column = data.Find(input.Name)
                ?? throw LodestarException.Invalid($"input column '{input.Name}' is missing from the data");
            columns[f] = input.Kind == ColumnKind.Numeric ? ReadNumeric(column) : ReadCategorical(column, input.Levels ?? []);
        }

        return new FeatureTable(inputs, columns, data.RowCount);
    }

    private static double[] ReadNumeric(DataColumn column)
    {
        if (column.FirstNonNumericRow >= 0)
        {
            throw LodestarException.Invalid(
                $"column '{column.Name}' is numeric for this model but row {column.FirstNonNumericRow + 1} holds '{column.TextAt(column.FirstNonNumericRow)}'");
        }

        return column.Numbers;
    }

    private static double[] ReadCategorical(DataColumn column, IReadOnlyList<string> levels)
    {
        var lookup = new Dictionary<string, int>(levels.Count, StringComparer.Ordinal);
        for (var i = 0; i < levels.Count; i++)
        {
            lookup[levels[i]] = i;
        }

        var dataLevels = column.Levels
            ?? throw LodestarException.Invalid($"column '{column.Name}' has too many distinct values to be a category");
        var map = new double[dataLevels.Length];
        for (var i = 0; i < dataLevels.Length; i++)
        {
            map[i] = lookup.TryGetValue(dataLevels[i], out var index) ? index : double.NaN;
        }

        var codes = column.Codes!;
        var values = new double[codes.Length];
        for (var row = 0; row < codes.Length; row++)
        {
            values[row] = codes[row] < 0 ? double.NaN : map[codes[row]];
        }

        return values;
    }
}
