using Lodestar.Models.Training;

namespace Lodestar.Models.Serving;

/// <summary>Request rows validated against a signature: row-major feature values (NaN = missing).</summary>
internal sealed class DecodedRows(double[] values, int rowCount, int width)
{
    public double[] Values { get; } = values;

    public int RowCount { get; } = rowCount;

    public int Width { get; } = width;

    /// <summary>The rows column-major, as the models read them.</summary>
    public FeatureTable ToFeatureTable(IReadOnlyList<InputColumn> inputs)
    {
        var columns = new double[Width][];
        for (var f = 0; f < Width; f++)
        {
            var column = new double[RowCount];
            for (var r = 0; r < RowCount; r++)
            {
                column[r] = Values[(r * Width) + f];
            }

            columns[f] = column;
        }

        return new FeatureTable(inputs, columns, RowCount);
    }
}
