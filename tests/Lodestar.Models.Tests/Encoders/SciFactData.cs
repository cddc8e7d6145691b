using System.Text.Json;
using Lodestar.Testing;

namespace Lodestar.Models.Tests.Encoders;

/// <summary>The shared BEIR SciFact copy (corpus, queries, test qrels), located by <see cref="SharedData"/>.</summary>
internal sealed class SciFactData
{
    public required IReadOnlyList<(string Id, string Title, string Text)> Corpus { get; init; }

    public required IReadOnlyDictionary<string, string> Queries { get; init; }

    /// <summary>query id → (doc id → graded relevance), test split.</summary>
    public required IReadOnlyDictionary<string, Dictionary<string, int>> TestQrels { get; init; }

    public static SciFactData Load()
    {
        var directory = SharedData.Dataset("scifact");
        var corpus = new List<(string, string, string)>();
        foreach (var line in File.ReadLines(Path.Combine(directory, "corpus.jsonl")))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            corpus.Add((root.GetProperty("_id").GetString()!, root.GetProperty("title").GetString()!, root.GetProperty("text").GetString()!));
        }

        var queries = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(directory, "queries.jsonl")))
        {
            using var document = JsonDocument.Parse(line);
            queries[document.RootElement.GetProperty("_id").GetString()!] = document.RootElement.GetProperty("text").GetString()!;
        }

        var qrels = new Dictionary<string, Dictionary<string, int>>();
        foreach (var line in File.ReadLines(Path.Combine(directory, "qrels", "test.tsv")).Skip(1))
        {
            var fields = line.Split('\t');
            if (!qrels.TryGetValue(fields[0], out var judged))
            {
                qrels[fields[0]] = judged = [];
            }

            judged[fields[1]] = int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        }

        return new SciFactData { Corpus = corpus, Queries = queries, TestQrels = qrels };
    }
}
