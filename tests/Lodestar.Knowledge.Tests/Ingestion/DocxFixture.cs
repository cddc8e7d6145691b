using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Lodestar.Knowledge.Tests.Ingestion;

/// <summary>Builds real .docx files with the Open XML SDK, so the parser is tested against Word's format.</summary>
internal static class DocxFixture
{
    public static byte[] Create(string? title, params OpenXmlElement[] bodyElements)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new Document(new Body(bodyElements));
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
