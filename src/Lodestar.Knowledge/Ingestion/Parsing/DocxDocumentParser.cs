using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// Word documents via the Open XML SDK: paragraphs in body order, "Heading N" (and "Title") styles drive the heading
/// path, numbered or bulleted paragraphs become list items and tables become "a | b" rows.
/// </summary>
internal sealed class DocxDocumentParser : IDocumentParser
{
    public IReadOnlyCollection<string> Extensions { get; } = [".docx"];

    public ParsedDocument Parse(Stream content, string fileName)
    {
        // The package reader needs a seekable stream.
        using var buffer = new MemoryStream(TextDecoder.ReadAll(content), writable: false);
        try
        {
            using var word = WordprocessingDocument.Open(buffer, isEditable: false);
            var body = word.MainDocumentPart?.Document?.Body
                ?? throw new DocumentParseException("corrupt DOCX: no document body");
            var styles = StyleNames(word.MainDocumentPart);
            var builder = new DocumentBuilder("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            foreach (var element in body.ChildElements)
            {
                Visit(element, styles, builder);
            }

            var title = word.PackageProperties.Title;
            return builder.Build(string.IsNullOrWhiteSpace(title) ? builder.FirstHeading ?? Path.GetFileNameWithoutExtension(fileName) : title.Trim());
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException or InvalidOperationException)
        {
            throw new DocumentParseException("corrupt DOCX: " + ex.Message);
        }
    }

    private static void Visit(OpenXmlElement element, Dictionary<string, string> styles, DocumentBuilder builder)
    {
        switch (element)
        {
            case Paragraph paragraph:
                VisitParagraph(paragraph, styles, builder);
                break;
            case Table table:
                builder.Block(SectionKind.Table, TableText(table));
                break;
            case SdtBlock sdt when sdt.SdtContentBlock is { } contentBlock:
                foreach (var child in contentBlock.ChildElements)
                {
                    Visit(child, styles, builder);
                }

                break;
        }
    }

    private static void VisitParagraph(Paragraph paragraph, Dictionary<string, string> styles, DocumentBuilder builder)
    {
        var text = ParagraphText(paragraph);
        var properties = paragraph.ParagraphProperties;
        var styleId = properties?.ParagraphStyleId?.Val?.Value ?? "";
        var style = styles.GetValueOrDefault(styleId, styleId);
        if (HeadingLevel(style) is { } level)
        {
            builder.Heading(level, text);
        }
        else if (properties?.NumberingProperties is not null || style.StartsWith("List", StringComparison.OrdinalIgnoreCase))
        {
            builder.Block(SectionKind.ListItem, "- " + text.Trim());
        }
        else
        {
            builder.Block(SectionKind.Paragraph, text);
        }
    }

    /// <summary>"heading 2" / "Heading2" → 2; "Title" → 1 (Word's title style sits above Heading 1).</summary>
    private static int? HeadingLevel(string style)
    {
        if (style.Equals("Title", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        const string Prefix = "heading";
        if (!style.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return int.TryParse(style.AsSpan(Prefix.Length).Trim(), out var level) && level is >= 1 and <= 9 ? level : null;
    }

    private static string ParagraphText(OpenXmlElement paragraph)
    {
        var text = new StringBuilder();
        foreach (var node in paragraph.Descendants())
        {
            switch (node)
            {
                case Text run:
                    text.Append(run.Text);
                    break;
                case TabChar:
                    text.Append('\t');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
            }
        }

        return text.ToString();
    }

    private static string TableText(Table table)
    {
        var text = new StringBuilder();
        foreach (var row in table.Elements<TableRow>())
        {
            var cells = row.Elements<TableCell>()
                .Select(static cell => DocumentBuilder.CollapseWhitespace(string.Join(' ', cell.Elements<Paragraph>().Select(ParagraphText))));
            text.Append(string.Join(" | ", cells)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Style id → style name: custom and localized templates use their own ids, the name is what says "heading 1".</summary>
    private static Dictionary<string, string> StyleNames(MainDocumentPart part)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var styles = part.StyleDefinitionsPart?.Styles;
        if (styles is null)
        {
            return names;
        }

        foreach (var style in styles.Elements<Style>())
        {
            if (style.StyleId?.Value is { } id && style.StyleName?.Val?.Value is { } name)
            {
                names[id] = name;
            }
        }

        return names;
    }
}
