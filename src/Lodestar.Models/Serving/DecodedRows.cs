using Lodestar.Models.Training;

namespace Lodestar.Models.Serving;

/// <summary>
/// Request rows validated against a signature: row-major feature values (NaN = missing) and, when decoded from
/// JSON, where each row's object starts and ends in that JSON (the prediction log reads sampled rows back from it).
/// </summary>
internal sealed class DecodedRows(double[] values, int rowCount, int width, int[]? rowStarts = null, int[]? rowEnds = null)
{
    public double[] Values { get; } = values;

    public int RowCount { get; } = rowCount;

    public int Width { get; } = width;

    /// <summary>The JSON of row <paramref name="row"/> within the JSON the rows were decoded from.</summary>
    public Range RowJson(int row) => rowStarts is null || rowEnds is null
        ? throw new InvalidOperationException("these rows were not decoded from JSON")
        : rowStarts[row]..rowEnds[row];

    /// <summary>An empty table of <paramref name="rowCount"/> rows for <paramref name="inputs"/>, to be filled by <see cref="FillInto"/>.</summary>
    public static FeatureTable EmptyTable(IReadOnlyList<InputColumn> inputs, int rowCount)
    {
        var columns = new double[inputs.Count][];
        for (var f = 0; f < columns.Length; f++)
        {
            columns[f] = new double[rowCount];
        }

        return new FeatureTable(inputs, columns, rowCount);
    }

    /// <summary>The rows column-major, as the models read them.</summary>
    public FeatureTable ToFeatureTable(IReadOnlyList<InputColumn> inputs) => FillInto(EmptyTable(inputs, RowCount));

    /// <summary>Copies these rows column-major into <paramref name="table"/> (an <see cref="EmptyTable"/> of as many rows, for the same inputs).</summary>
    public FeatureTable FillInto(FeatureTable table)
    {
        var columns = table.Columns;
        for (var f = 0; f < Width; f++)
        {
            var column = columns[f];
            for (var r = 0; r < RowCount; r++)
            {
                column[r] = Values[(r * Width) + f];
            }
        }

        return table;
    }
}
