using System.Globalization;
using System.Text;
using Lodestar.Models.Data;

namespace Lodestar.Models.Tests.Training;

/// <summary>Seeded CSV datasets with a known signal: numbers, a category, missing values.</summary>
internal static class SyntheticData
{
    /// <summary>Columns x1, x2 (numbers, ~10% missing in x2), color (red/green/blue), label (yes/no) or y (regression).</summary>
    public static string Csv(int rows, int seed, bool regression = false)
    {
        var random = new Random(seed);
        var text = new StringBuilder(regression ? "x1,x2,color,y\n" : "x1,x2,color,label\n");
        string[] colors = ["red", "green", "blue"];
        for (var i = 0; i < rows; i++)
        {
            var x1 = random.NextDouble() * 4 - 2;
            var x2 = random.NextDouble() * 4 - 2;
            var color = colors[random.Next(3)];
            var missing = random.NextDouble() < 0.1;
            var signal = (1.5 * x1) - (x2 * x2) + (color == "red" ? 1.0 : color == "blue" ? -1.0 : 0) + (missing ? 1.0 : 0);
            var noise = (random.NextDouble() - 0.5) * 1.0;
            var x2Text = missing ? "" : x2.ToString("R", CultureInfo.InvariantCulture);
            var target = regression
                ? (signal + noise).ToString("R", CultureInfo.InvariantCulture)
                : (signal + noise > 0 ? "yes" : "no");
            text.Append(CultureInfo.InvariantCulture, $"{x1.ToString("R", CultureInfo.InvariantCulture)},{x2Text},{color},{target}\n");
        }

        return text.ToString();
    }

    public static TabularDataset Dataset(int rows, int seed, bool regression = false) =>
        TabularDataset.Read(new StringReader(Csv(rows, seed, regression)));
}
