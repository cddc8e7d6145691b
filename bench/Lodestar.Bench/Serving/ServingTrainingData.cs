using System.Globalization;
using System.Text;

namespace Lodestar.Bench.Serving;

/// <summary>The serving benchmarks' training data: the GBDT behind `serving lodestar` and `gbdt-scoring` learns from it.</summary>
internal static class ServingTrainingData
{
    /// <summary>Eight numeric features and one category with a non-linear signal: a realistic small tabular model.</summary>
    public static string Csv(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("f1,f2,f3,f4,f5,f6,f7,f8,segment,label\n");
        string[] segments = ["a", "b", "c", "d"];
        for (var i = 0; i < rows; i++)
        {
            var f = new double[8];
            for (var j = 0; j < f.Length; j++)
            {
                f[j] = (random.NextDouble() * 2) - 1;
            }

            var segment = segments[random.Next(segments.Length)];
            var signal = f[0] - (f[1] * f[1]) + (f[2] * f[3]) + (0.5 * f[4]) + (segment == "a" ? 0.7 : 0) + ((random.NextDouble() - 0.5) * 0.8);
            text.AppendJoin(',', f.Select(v => v.ToString("F4", CultureInfo.InvariantCulture))).Append(',').Append(segment).Append(',').Append(signal > 0 ? "yes" : "no").Append('\n');
        }

        return text.ToString();
    }
}
