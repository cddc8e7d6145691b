using System.Text;

namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// CSV and TSV: the first record is the header and every further record becomes one line
/// "col: value; col: value" (empty values left out), so each row reads as a self-contained fact.
/// </summary>
internal sealed class CsvDocumentParser : IDocumentParser
{
    public IReadOnlyCollection<string> Extensions { get; } = [".csv", ".tsv"];

    public ParsedDocument Parse(Stream content, string fileName)
    {
        var records = CsvRecords.Read(TextDecoder.Decode(content));
        var builder = new DocumentBuilder("text/csv");
        if (records.Count > 0)
        {
            var header = records[0];
            for (var r = 1; r < records.Count; r++)
            {
                builder.Block(SectionKind.Table, RowText(header, records[r]));
            }

            if (records.Count == 1)
            {
                builder.Block(SectionKind.Table, string.Join("; ", header));
            }
        }

        return builder.Build(Path.GetFileNameWithoutExtension(fileName));
    }

    private static string RowText(string[] header, string[] row)
    {
        var text = new StringBuilder();
        for (var c = 0; c < row.Length; c++)
        {
            var value = row[c].Trim();
            if (value.Length == 0)
            {
                continue;
            }

            var column = c < header.Length && header[c].Trim().Length > 0 ? header[c].Trim() : $"column {c + 1}";
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(column).Append(": ").Append(value);
        }

        return text.ToString();
    }
}
