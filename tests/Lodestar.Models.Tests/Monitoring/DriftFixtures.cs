using System.Globalization;
using System.Text;
using System.Text.Json;
using Lodestar.Models.Data;
using Lodestar.Testing;

namespace Lodestar.Models.Tests.Monitoring;

/// <summary>The scipy answers written by bench/mlops/make_drift_fixtures.py, read from the repository.</summary>
internal static class DriftFixtures
{
    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        var path = Path.Combine(SharedData.RepositoryRoot(), "tests", "Lodestar.Models.Tests", "Monitoring", "drift_fixtures.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    });

    public static JsonElement Get(string name) => Root.Value.GetProperty(name);

    public static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    /// <summary>One-column datasets for reference and current, as a CSV would hold them.</summary>
    public static (TabularDataset Reference, TabularDataset Current) Datasets(JsonElement column)
    {
        var name = column.GetProperty("name").GetString()!;
        return (Dataset(name, column.GetProperty("reference")), Dataset(name, column.GetProperty("current")));
    }

    private static TabularDataset Dataset(string name, JsonElement values)
    {
        var text = new StringBuilder(name).Append('\n');
        foreach (var value in values.EnumerateArray())
        {
            text.Append(value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("R", CultureInfo.InvariantCulture) : value.GetString()).Append('\n');
        }

        return TabularDataset.Read(new StringReader(text.ToString()));
    }
}
