using System.Globalization;
using System.Text;

namespace Lodestar.Cli.Tests.Models;

/// <summary>A labelled CSV (x1, x2, color, label yes/no); <c>shift</c> moves x1 without changing how labels depend on it.</summary>
internal static class ModelCsv
{
    public static string Write(int rows, int seed, double shift = 0)
    {
        var random = new Random(seed);
        var text = new StringBuilder("x1,x2,color,label\n");
        for (var i = 0; i < rows; i++)
        {
            var x1 = (random.NextDouble() * 4) - 2 + shift;
            var x2 = (random.NextDouble() * 4) - 2;
            var color = random.Next(3) switch { 0 => "red", 1 => "green", _ => "blue" };
            var label = (2 * (x1 - shift)) + x2 + (color == "red" ? 1 : 0) + random.NextDouble() - 0.5 > 0 ? "yes" : "no";
            text.Append(CultureInfo.InvariantCulture, $"{x1:R},{x2:R},{color},{label}\n");
        }

        return text.ToString();
    }
}
