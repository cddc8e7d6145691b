using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Lodestar.Knowledge.Tests.Ingestion;

/// <summary>Builds real .docx files with the Open XML SDK, so the parser is tested against Word's format.</summary>
internal static class DocxFixture
{
    public static byte[] Create(string? title, params OpenXmlElement[] bodyElements) => Create(title, new Dictionary<string, string>(), bodyElements);

    /// <param name="styles">Paragraph style id → style name, written to the styles part.</param>
    public static byte[] Create(string? title, Dictionary<string, string> styles, params OpenXmlElement[] bodyElements)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new Document(new Body(bodyElements));
            if (styles.Count > 0)
            {
                var definitions = main.AddNewPart<StyleDefinitionsPart>();
                definitions.Styles = new Styles(styles.Select(pair =>
                    new Style(new StyleName { Val = pair.Value }) { Type = StyleValues.Paragraph, StyleId = pair.Key }));
            }

            if (title is not null)
            {
                word.PackageProperties.Title = title;
            }
        }

        return stream.ToArray();
    }

    public static Paragraph Paragraph(string text, string? styleId = null, bool numbered = false)
    {
        var paragraph = new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (styleId is not null || numbered)
        {
            var properties = new ParagraphProperties();
            if (styleId is not null)
            {
                properties.ParagraphStyleId = new ParagraphStyleId { Val = styleId };
            }

            if (numbered)
            {
                properties.NumberingProperties = new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 });
            }

            paragraph.PrependChild(properties);
        }

        return paragraph;
    }

    public static Table Table(params string[][] rows) =>
        new(rows.Select(row => new TableRow(row.Select(cell => new TableCell(Paragraph(cell))))));
}
