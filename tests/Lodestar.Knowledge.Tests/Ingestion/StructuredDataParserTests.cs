using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Knowledge.Tests.Ingestion;

public sealed class StructuredDataParserTests
{
    [Fact]
    public void Parse_Json_WritesKeyPathLinesPerTopLevelMember()
    {
        const string Json = """
            { "settings": { "timeout": 30, "retry": { "enabled": true } }, // comment
              "owners": ["alice", "bob"], "name": "gateway", }
            """;

        var document = Parsed.From(new JsonDocumentParser(), Json, "gateway.json");

        Assert.Equal("gateway", document.Title);
        Assert.Equal("application/json", document.ContentType);
        Assert.Equal(3, document.Blocks.Count);
        Assert.Equal("settings.timeout: 30\nsettings.retry.enabled: true", document.TextOf(document.Blocks[0]));
        Assert.Equal("owners[0]: alice\nowners[1]: bob", document.TextOf(document.Blocks[1]));
        Assert.Equal("name: gateway", document.TextOf(document.Blocks[2]));
    }

    [Fact]
    public void Parse_InvalidJson_ThrowsDocumentParseException()
    {
        var error = Assert.Throws<DocumentParseException>(() => Parsed.From(new JsonDocumentParser(), "{\"a\": ", "bad.json"));

        Assert.StartsWith("invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Csv_WritesOneLabelledLinePerRow()
    {
        const string Csv = "Name,Role,Note\r\nAlice,Engineer,\"likes, commas\"\r\nBob,,\"said \"\"hi\"\"\nthen left\"\r\n\r\nCara,Lead,x,extra\r\n";

        var document = Parsed.From(new CsvDocumentParser(), Csv, "people.csv");

        var rows = document.Blocks.Select(document.TextOf).ToList();
        Assert.Equal(
            ["Name: Alice; Role: Engineer; Note: likes, commas", "Name: Bob; Note: said \"hi\"\nthen left", "Name: Cara; Role: Lead; Note: x; column 4: extra"],
            rows);
        Assert.All(document.Blocks, b => Assert.Equal(SectionKind.Table, b.Kind));
    }

    [Fact]
    public void Parse_SemicolonCsv_SniffsDelimiter()
    {
        var document = Parsed.From(new CsvDocumentParser(), "city;amount\nOslo;12,50\n", "costs.csv");

        Assert.Equal("city: Oslo; amount: 12,50", document.Text);
    }

    [Fact]
    public void Parse_UnterminatedQuote_ThrowsDocumentParseException()
    {
        Assert.Throws<DocumentParseException>(() => Parsed.From(new CsvDocumentParser(), "a,b\n\"open,1\n", "bad.csv"));
    }

    [Fact]
    public void Parse_PlainText_SplitsParagraphsAtBlankLines()
    {
        var document = Parsed.From(new PlainTextDocumentParser(), "first line\nsecond line\r\n  \r\n\r\nnext paragraph\n", "notes.txt");

        Assert.Equal("notes", document.Title);
        Assert.Equal(["first line\nsecond line", "next paragraph"], document.Blocks.Select(document.TextOf));
    }
}
