namespace Lodestar.Knowledge.Ingestion;

/// <summary>Plain text and logs: blank lines separate paragraphs; line breaks inside a paragraph are kept.</summary>
internal sealed class PlainTextDocumentParser : IDocumentParser
{
    public IReadOnlyCollection<string> Extensions { get; } = [".txt", ".text", ".log"];

    public ParsedDocument Parse(Stream content, string fileName)
    {
        var text = TextDecoder.Decode(content).ReplaceLineEndings("\n");
        var builder = new DocumentBuilder("text/plain");
        var start = 0;
        while (start < text.Length)
        {
            var blank = NextBlankLine(text, start);
            builder.Block(SectionKind.Paragraph, text[start..blank.Start]);
            start = blank.End;
        }

        return builder.Build(Path.GetFileNameWithoutExtension(fileName));
    }

    /// <summary>The next run of two or more line breaks (with only spaces between them), or the end of the text.</summary>
    private static (int Start, int End) NextBlankLine(string text, int from)
    {
        for (var i = text.IndexOf('\n', from); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            var j = i + 1;
            while (j < text.Length && text[j] is ' ' or '\t')
            {
                j++;
            }

            if (j < text.Length && text[j] == '\n')
            {
                var end = j;
                while (end < text.Length && char.IsWhiteSpace(text[end]))
                {
                    end++;
                }

                return (i, end);
            }
        }

        return (text.Length, text.Length);
    }
}
