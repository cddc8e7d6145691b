namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// Turns a document's blocks into ordered, non-overlapping, trimmed units. Text no block covers (a hand-built
/// <see cref="ParsedDocument"/> may leave gaps) becomes paragraph units, so chunks always cover all content.
/// </summary>
internal static class ContentUnits
{
    public static List<ContentUnit> From(ParsedDocument document)
    {
        var text = document.Text;
        // Parsers emit blocks in order; only a hand-built document pays for sorting.
        var blocks = IsOrdered(document.Blocks) ? document.Blocks : [.. document.Blocks.OrderBy(static b => b.StartOffset)];
        var units = new List<ContentUnit>(blocks.Count);
        var cursor = 0;
        var path = "";
        foreach (var block in blocks)
        {
            if (block.StartOffset < 0 || block.EndOffset < block.StartOffset || block.EndOffset > text.Length)
            {
                throw new ArgumentException(
                    $"block [{block.StartOffset}, {block.EndOffset}) lies outside the document text of length {text.Length}", nameof(document));
            }

            var start = Math.Max(block.StartOffset, cursor);
            if (block.EndOffset <= start)
            {
                continue;
            }

            Add(units, text, cursor, start, SectionKind.Paragraph, path);
            Add(units, text, start, block.EndOffset, block.Kind, block.HeadingPath);
            cursor = block.EndOffset;
            path = block.HeadingPath;
        }

        Add(units, text, cursor, text.Length, SectionKind.Paragraph, path);
        return units;
    }

    private static bool IsOrdered(IReadOnlyList<DocumentSection> blocks)
    {
        for (var i = 1; i < blocks.Count; i++)
        {
            if (blocks[i].StartOffset < blocks[i - 1].StartOffset)
            {
                return false;
            }
        }

        return true;
    }

    private static void Add(List<ContentUnit> units, string text, int start, int end, SectionKind kind, string path)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            units.Add(new ContentUnit(start, end, kind, path));
        }
    }
}
