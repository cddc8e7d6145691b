using System.Globalization;
using System.Text;
using Lodestar.Models.Training;
using Lodestar.Server.Tests.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Tests.Serving;

/// <summary>
/// A seeded churn table (tenure, spend, plan → churned, with an interaction trees can find) written as CSV, and training
/// through the real trainer. <c>shift</c> moves tenure and spend together: a drifted population.
/// </summary>
internal static class ChurnData
{
    public static string WriteCsv(string directory, string fileName, int rows, int seed, double shift = 0)
    {
        var random = new Random(seed);
        string[] plans = ["basic", "pro", "team"];
        var csv = new StringBuilder("tenure,spend,plan,churned\n");
        for (var i = 0; i < rows; i++)
        {
            var tenure = (random.NextDouble() * 48) + shift;
            var spend = 20 + (random.NextDouble() * 80) + shift;
            var plan = plans[random.Next(plans.Length)];
            var risk = 1.2 - (tenure / 20) + ((spend - 60) / 40) + (plan == "basic" ? 0.8 : 0) + (spend > 75 && tenure < 12 ? 2.5 : 0) + ((random.NextDouble() - 0.5) * 1.5);
            csv.Append(CultureInfo.InvariantCulture, $"{tenure:F2},{spend:F2},{plan},{(risk > 0 ? "yes" : "no")}\n");
        }

        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    public static Task<TrainResult> TrainAsync(LoopbackServer server, string csv, string model, Algorithm algorithm = Algorithm.Gbdt) =>
        server.Services.GetRequiredService<ModelTrainer>().TrainAsync(new TrainRequest(csv, "churned", model, algorithm));

    /// <summary>Two versions of <paramref name="model"/> (GBDT then logistic) trained on the same data.</summary>
    public static async Task TrainTwoVersionsAsync(LoopbackServer server, string model)
    {
        var csv = WriteCsv(server.DataDirectory, model + ".csv", 1200, 5);
        await TrainAsync(server, csv, model);
        await TrainAsync(server, csv, model, Algorithm.Logistic);
    }

    public static object Rows(int count, int seed = 9, double shift = 0)
    {
        var random = new Random(seed);
        string[] plans = ["basic", "pro", "team"];
        return Enumerable.Range(0, count).Select(_ => new Dictionary<string, object?>
        {
            ["tenure"] = Math.Round((random.NextDouble() * 48) + shift, 2),
            ["spend"] = Math.Round(20 + (random.NextDouble() * 80) + shift, 2),
            ["plan"] = plans[random.Next(plans.Length)],
        }).ToList();
    }
}
