using System.Globalization;
using System.Text;

namespace Lodestar.Server.Tests.Models;

/// <summary>
/// Writes a labelled tabular CSV: y depends on x1, x2 and colour. <c>shift</c> moves the inputs (drift);
/// <c>randomLabels</c> breaks the relation so a model trained on it scores worse.
/// </summary>
internal static class LifecycleData
{
    public static string Write(string directory, string name, int rows, int seed, double shift = 0, bool randomLabels = false)
    {
        var random = new Random(seed);
        var colours = new[] { "red", "green", "blue" };
        var csv = new StringBuilder("x1,x2,colour,y\n");
        for (var i = 0; i < rows; i++)
        {
            var x1 = Normal(random) + shift;
            var x2 = random.NextDouble() + shift;
            var colour = colours[random.Next(colours.Length)];
            var score = x1 + (2 * x2) + (colour == "red" ? 1 : 0) + (0.5 * Normal(random)) - shift * 3;
            var y = randomLabels ? random.Next(2) : score > 1.5 ? 1 : 0;
            csv.Append(CultureInfo.InvariantCulture, $"{x1:R},{x2:R},{colour},{y}\n");
        }

        var path = Path.Combine(directory, name);
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
