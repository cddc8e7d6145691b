using System.Globalization;
using System.Text;

namespace Lodestar.WebConsole.Components.Charts;

/// <summary>
/// Maps values to SVG coordinates inside a plot area with margins for the axes. Pure arithmetic, so the charts'
/// geometry is unit-tested without a browser.
/// </summary>
internal sealed class ChartScale(double width, double height, double max)
{
    public const double Left = 56;
    public const double Right = 12;
    public const double Top = 12;
    public const double Bottom = 28;

    public double Width { get; } = width;

    public double Height { get; } = height;

    /// <summary>The top of the value axis: a "nice" number at or above the data's maximum.</summary>
    public double Max { get; } = NiceCeiling(max);

    public double PlotWidth => Width - Left - Right;

    public double PlotHeight => Height - Top - Bottom;

    public double Baseline => Top + PlotHeight;

    /// <summary>The x of point <paramref name="index"/> of <paramref name="count"/>, spread edge to edge (a single point sits in the middle).</summary>
    public double X(int index, int count) => count <= 1 ? Left + (PlotWidth / 2) : Left + (index * PlotWidth / (count - 1));

    public double Y(double value) => Baseline - (Math.Clamp(value, 0, Max) / Max * PlotHeight);

    /// <summary>Evenly spaced values from 0 to <see cref="Max"/> for grid lines and labels.</summary>
    public IEnumerable<double> Ticks(int intervals = 4)
    {
        for (var i = 0; i <= intervals; i++)
        {
            yield return Max * i / intervals;
        }
    }

    /// <summary>An SVG path through the values; a missing value (null) breaks the line instead of dropping it to zero.</summary>
    public string LinePath(IReadOnlyList<double?> values)
    {
        var path = new StringBuilder();
        var drawing = false;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value)
            {
                drawing = false;
                continue;
            }

            path.Append(drawing ? " L" : (path.Length == 0 ? "M" : " M"))
                .Append(Format(X(i, values.Count))).Append(' ').Append(Format(Y(value)));
            drawing = true;
        }

        return path.ToString();
    }

    public static string Format(double coordinate) => coordinate.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>1, 2, 2.5 or 5 times a power of ten, at or above <paramref name="value"/>; 1 for no data.</summary>
    public static double NiceCeiling(double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in (ReadOnlySpan<double>)[1, 2, 2.5, 5, 10])
        {
            if (step * power >= value * (1 - 1e-12))
            {
                return step * power;
            }
        }

        return 10 * power;
    }
}
