using System.Runtime.CompilerServices;
using Lodestar.Models.Data;

namespace Lodestar.Models.Training;

/// <summary>
/// The dense, row-major matrix a linear learner fits: a leading 1 for the intercept, standardised numbers
/// (missing = 0, the mean) and one 0/1 column per category level.
/// </summary>
internal sealed class DesignMatrix
{
    private DesignMatrix(double[] values, int rows, int width, double[] means, double[] scales, int[] offsets)
    {
        Values = values;
        Rows = rows;
        Width = width;
        Means = means;
        Scales = scales;
        Offsets = offsets;
    }

    public double[] Values { get; }

    public int Rows { get; }

    /// <summary>Columns including the intercept at 0.</summary>
    public int Width { get; }

    public double[] Means { get; }

    public double[] Scales { get; }

    /// <summary>Per input, its first column in the matrix.</summary>
    public int[] Offsets { get; }

    // Runs once per fit: optimised at first call, not after a tier-0 pass over every cell.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DesignMatrix Build(FeatureTable features)
    {
        var inputs = features.Inputs;
        var means = new double[inputs.Count];
        var scales = new double[inputs.Count];
        var offsets = new int[inputs.Count];
        var width = 1;
        for (var f = 0; f < inputs.Count; f++)
        {
            offsets[f] = width;
            if (inputs[f].Kind == ColumnKind.Numeric)
            {
                (means[f], scales[f]) = MeanAndScale(features.Columns[f]);
                width++;
            }
            else
            {
                scales[f] = 1;
                width += inputs[f].Levels?.Count ?? 0;
            }
        }

        var rows = features.RowCount;
        var values = new double[(long)rows * width];
        for (var row = 0; row < rows; row++)
        {
            values[(long)row * width] = 1;
        }

        for (var f = 0; f < inputs.Count; f++)
        {
            var column = features.Columns[f];
            var numeric = inputs[f].Kind == ColumnKind.Numeric;
            for (var row = 0; row < rows; row++)
            {
                var x = column[row];
                if (double.IsNaN(x))
                {
                    continue;
                }

                var at = ((long)row * width) + offsets[f];
                if (numeric)
                {
                    values[at] = (x - means[f]) / scales[f];
                }
                else
                {
                    values[at + (int)x] = 1;
                }
            }
        }

        return new DesignMatrix(values, rows, width, means, scales, offsets);
    }

    /// <summary>Mean and population standard deviation of the non-missing values (scale 1 for a constant).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Mean, double Scale) MeanAndScale(double[] column)
    {
        double sum = 0;
        var count = 0;
        foreach (var x in column)
        {
            if (!double.IsNaN(x))
            {
                sum += x;
                count++;
            }
        }

        var mean = count == 0 ? 0 : sum / count;
        double squares = 0;
        foreach (var x in column)
        {
            if (!double.IsNaN(x))
            {
                squares += (x - mean) * (x - mean);
            }
        }

        var std = count == 0 ? 0 : Math.Sqrt(squares / count);
        return (mean, std > 1e-12 ? std : 1);
    }
}
