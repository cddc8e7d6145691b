using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Knowledge.Tests.Ingestion;

public sealed class DocxDocumentParserTests
{
    private readonly DocxDocumentParser _parser = new();

    [Fact]
    public void Parse_HeadingStylesListsAndTables_MapToBlocks()
    {
        var bytes = DocxFixture.Create(
            null,
            DocxFixture.Paragraph("Travel policy", "Heading1"),
            DocxFixture.Paragraph("Book through the portal."),
            DocxFixture.Paragraph("Flights", "Heading2"),
            DocxFixture.Paragraph("Economy under six hours.", numbered: true),
            DocxFixture.Table(["Class", "Max hours"], ["Economy", "6"]));

        var document = _parser.Parse(new MemoryStream(bytes), "travel.docx");

        Assert.Equal("Travel policy", document.Title);
        Assert.Equal(SectionKind.Heading, document.Blocks[0].Kind);
        Assert.Equal("Travel policy", document.BlockContaining("portal").HeadingPath);
        var item = document.BlockContaining("Economy under");
        Assert.Equal(SectionKind.ListItem, item.Kind);
        Assert.Equal("Travel policy > Flights", item.HeadingPath);
        var table = document.BlockContaining("Max hours");
        Assert.Equal(SectionKind.Table, table.Kind);
        Assert.Equal("Class | Max hours\nEconomy | 6", document.TextOf(table));
    }

    [Fact]
    public void Parse_CoreTitleProperty_WinsOverHeading()
    {
        var bytes = DocxFixture.Create("Expense Handbook 2026", DocxFixture.Paragraph("Receipts", "Heading1"), DocxFixture.Paragraph("Keep them."));

        var document = _parser.Parse(new MemoryStream(bytes), "expenses.docx");

        Assert.Equal("Expense Handbook 2026", document.Title);
    }

    [Fact]
    public void Parse_LocalizedStyleIds_AreRecognizedByStyleName()
    {
        var styles = new Dictionary<string, string> { ["Titel"] = "Title", ["berschrift2"] = "heading 2" };
        var bytes = DocxFixture.Create(
            null,
            styles,
            DocxFixture.Paragraph("Reiserichtlinie", "Titel"),
            DocxFixture.Paragraph("Flüge", "berschrift2"),
            DocxFixture.Paragraph("Economy bis sechs Stunden."));

        var document = _parser.Parse(new MemoryStream(bytes), "reise.docx");

        Assert.Equal("Reiserichtlinie", document.Title);
        Assert.Equal("Reiserichtlinie > Flüge", document.BlockContaining("Economy").HeadingPath);
    }

    [Fact]
    public void Parse_CorruptZip_ThrowsDocumentParseException()
    {
        var bytes = DocxFixture.Create(null, DocxFixture.Paragraph("text"));
        var truncated = bytes[..(bytes.Length / 2)];

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(new MemoryStream(truncated), "broken.docx"));

        Assert.StartsWith("corrupt DOCX", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextRenamedToDocx_ThrowsDocumentParseException()
    {
        var error = Assert.Throws<DocumentParseException>(() => Parsed.From(_parser, "not a zip at all", "fake.docx"));

        Assert.StartsWith("corrupt DOCX", error.Message, StringComparison.Ordinal);
    }
}
