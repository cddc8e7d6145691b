using System.Text;

namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// An RFC 4180 reader: quoted fields may hold delimiters, doubled quotes and line breaks. The delimiter is
/// sniffed from the header line (comma, semicolon or tab: whichever occurs most outside quotes).
/// </summary>
internal static class CsvRecords
{
    public static List<string[]> Read(string text)
    {
        var delimiter = SniffDelimiter(text);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var atFieldStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            if (c == '"' && atFieldStart)
            {
                quoted = true;
                atFieldStart = false;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                atFieldStart = true;
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                EndRecord(records, fields, field);
                atFieldStart = true;
            }
            else
            {
                field.Append(c);
                atFieldStart = false;
            }
        }

        if (quoted)
        {
            throw new DocumentParseException($"invalid CSV: unterminated quoted field in record {records.Count + 1}");
        }

        EndRecord(records, fields, field);
        return records;
    }

    private static void EndRecord(List<string[]> records, List<string> fields, StringBuilder field)
    {
        fields.Add(field.ToString());
        field.Clear();
        // Blank lines carry no record.
        if (fields.Count > 1 || fields[0].Length > 0)
        {
            records.Add([.. fields]);
        }

        fields.Clear();
    }

    private static char SniffDelimiter(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        return tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }
}
