using System.Globalization;
using System.Text;
using System.Text.Json;
using Lodestar.Models.Data;

namespace Lodestar.Models.Tests.Monitoring;

/// <summary>The scipy answers written by bench/mlops/make_drift_fixtures.py, found by walking up from the test binaries.</summary>
internal static class DriftFixtures
{
    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Lodestar.Models.Tests", "Monitoring", "drift_fixtures.json");
            if (File.Exists(candidate))
            {
                return JsonDocument.Parse(File.ReadAllText(candidate)).RootElement.Clone();
            }
        }

        throw new FileNotFoundException("drift_fixtures.json not found above " + AppContext.BaseDirectory);
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
