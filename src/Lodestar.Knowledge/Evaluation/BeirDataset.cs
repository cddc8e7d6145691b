using System.Globalization;
using System.Text.Json;
using Lodestar.Core;

namespace Lodestar.Knowledge.Evaluation;

/// <summary>
/// A BEIR-format dataset: corpus.jsonl ({_id, title, text}), queries.jsonl ({_id, text}) and qrels/&lt;split&gt;.tsv
/// (query-id, corpus-id, score, with a header line). <see cref="Queries"/> holds only the queries judged in the split.
/// </summary>
public sealed class BeirDataset
{
    private BeirDataset(IReadOnlyList<BeirDocument> corpus, IReadOnlyDictionary<string, string> queries, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> qrels)
    {
        Corpus = corpus;
        Queries = queries;
        Qrels = qrels;
    }

    public IReadOnlyList<BeirDocument> Corpus { get; }

    public IReadOnlyDictionary<string, string> Queries { get; }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Qrels { get; }

    public static BeirDataset Load(string directory, string split = "test")
    {
        if (string.IsNullOrWhiteSpace(split) || split.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || split.Contains(".."))
        {
            throw LodestarException.Invalid($"'{split}' is not a valid BEIR split name.");
        }

        var qrels = LoadQrels(RequireFile(directory, Path.Combine("qrels", split + ".tsv")));
        var corpus = new List<BeirDocument>();
        foreach (var (id, root) in ReadJsonLines(RequireFile(directory, "corpus.jsonl")))
        {
            corpus.Add(new BeirDocument(id, OptionalString(root, "title"), OptionalString(root, "text")));
        }

        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, root) in ReadJsonLines(RequireFile(directory, "queries.jsonl")))
        {
            if (qrels.ContainsKey(id))
            {
                queries[id] = OptionalString(root, "text");
            }
        }

        return new BeirDataset(corpus, queries, qrels);
    }

    private static string RequireFile(string directory, string relative)
    {
        var path = Path.Combine(directory, relative);
        return File.Exists(path) ? path : throw LodestarException.Invalid($"BEIR dataset file '{path}' is missing.");
    }

    private static IEnumerable<(string Id, JsonElement Root)> ReadJsonLines(string path)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(line);
                root = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw LodestarException.Invalid($"{path}:{lineNumber}: not valid JSON ({e.Message}).");
            }

            var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("_id", out var idElement)
                ? idElement.ValueKind switch
                {
                    JsonValueKind.String => idElement.GetString(),
                    JsonValueKind.Number => idElement.GetRawText(),
                    _ => null,
                }
                : null;
            if (string.IsNullOrEmpty(id))
            {
                throw LodestarException.Invalid($"{path}:{lineNumber}: entry has no \"_id\".");
            }

            yield return (id, root);
        }
    }

    private static string OptionalString(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    private static Dictionary<string, IReadOnlyDictionary<string, int>> LoadQrels(string path)
    {
        var qrels = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 3 || !int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var relevance))
            {
                if (lineNumber == 1)
                {
                    continue; // header
                }

                throw LodestarException.Invalid($"{path}:{lineNumber}: expected 'query-id<TAB>corpus-id<TAB>integer score'.");
            }

            if (!qrels.TryGetValue(fields[0], out var judgements))
            {
                qrels[fields[0]] = judgements = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            ((Dictionary<string, int>)judgements)[fields[1]] = relevance;
        }

        return qrels;
    }
}
