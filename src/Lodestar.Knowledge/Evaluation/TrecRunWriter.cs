using System.Globalization;
using Lodestar.Core;

namespace Lodestar.Knowledge.Evaluation;

/// <summary>Writes a run in TREC format ("qid Q0 docid rank score tag"), ranked the way trec_eval reads it.</summary>
public static class TrecRunWriter
{
    public static void Write(TextWriter writer, IReadOnlyDictionary<string, IReadOnlyList<(string DocumentId, double Score)>> run, string tag)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(run);
        if (string.IsNullOrEmpty(tag) || tag.Any(char.IsWhiteSpace))
        {
            throw LodestarException.Invalid("A TREC run tag must be non-empty and contain no whitespace.");
        }

        foreach (var queryId in run.Keys.Order(StringComparer.Ordinal))
        {
            var ranked = RunOrdering.Rank(run[queryId]);
            for (var i = 0; i < ranked.Length; i++)
            {
                var (documentId, score) = ranked[i];
                writer.Write(queryId);
                writer.Write(" Q0 ");
                writer.Write(documentId);
                writer.Write(' ');
                writer.Write((i + 1).ToString(CultureInfo.InvariantCulture));
                writer.Write(' ');
                writer.Write(score.ToString("R", CultureInfo.InvariantCulture));
                writer.Write(' ');
                writer.WriteLine(tag);
            }
        }
    }
}
