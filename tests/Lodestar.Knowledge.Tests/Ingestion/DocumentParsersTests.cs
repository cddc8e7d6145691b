using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Knowledge.Tests.Ingestion;

public sealed class DocumentParsersTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("a.md", true)]
    [InlineData("A.MD", true)]
    [InlineData("b.htm", true)]
    [InlineData("c.docx", true)]
    [InlineData("d.log", true)]
    [InlineData("e.tsv", true)]
    [InlineData("f.pdf", false)]
    [InlineData("noextension", false)]
    public void TryGet_FileName_FindsParserByExtension(string fileName, bool expected)
    {
        Assert.Equal(expected, DocumentParsers.Default.TryGet(fileName, out _));
    }

    [Fact]
    public void Parse_EmptyFile_ThrowsEmptyFile()
    {
        var error = Assert.Throws<DocumentParseException>(() => DocumentParsers.Default.Parse(Source("empty.md", [])));

        Assert.Equal("empty file", error.Message);
    }

    [Fact]
    public void Parse_BinaryWithTextExtension_ThrowsBinaryReason()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

        var error = Assert.Throws<DocumentParseException>(() => DocumentParsers.Default.Parse(Source("image.txt", png)));

        Assert.Equal("binary or non-text content", error.Message);
    }

    [Fact]
    public void Parse_FileOverLimit_ThrowsSizeReason()
    {
        var parsers = new DocumentParsers([new PlainTextDocumentParser()], maxFileBytes: 1024);

        var error = Assert.Throws<DocumentParseException>(() => parsers.Parse(Source("huge.txt", new byte[4096])));

        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoReadableText_ThrowsNoReadableText()
    {
        var error = Assert.Throws<DocumentParseException>(
            () => DocumentParsers.Default.Parse(Source("tracking.html", "<html><script>track()</script></html>"u8.ToArray())));

        Assert.Equal("no readable text", error.Message);
    }

    [Fact]
    public void Parse_NonSeekableStreamOverLimit_ThrowsSizeReason()
    {
        var parsers = new DocumentParsers([new PlainTextDocumentParser()], maxFileBytes: 100);
        using var upload = new NonSeekableStream(new byte[500]);

        var error = Assert.Throws<DocumentParseException>(() => parsers.Parse(upload, "upload.txt"));

        Assert.Equal("file is over the 100-byte limit", error.Message);
    }

    [Fact]
    public void Parse_UploadedStream_ParsesByFileName()
    {
        var document = DocumentParsers.Default.Parse(new MemoryStream("a,b\n1,2"u8.ToArray()), "upload.csv");

        Assert.Equal("a: 1; b: 2", document.Text);
    }

    [Fact]
    public void Parse_UnsupportedExtension_ThrowsUnsupported()
    {
        var error = Assert.Throws<DocumentParseException>(() => DocumentParsers.Default.Parse(Source("scan.pdf", [1, 2, 3])));

        Assert.Contains("unsupported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ParserThrowsUnexpectedException_IsWrappedWithFileName()
    {
        var parsers = new DocumentParsers([new ThrowingParser()]);

        var error = Assert.Throws<DocumentParseException>(() => parsers.Parse(Source("x.boom", [1])));

        Assert.Equal("cannot parse x.boom: kaput", error.Message);
    }

    [Fact]
    public void Parse_MarkdownFile_ReturnsDocument()
    {
        var document = DocumentParsers.Default.Parse(Source("guide.md", "# Hello\n\nWorld"u8.ToArray()));

        Assert.Equal("Hello", document.Title);
        Assert.Equal("Hello\n\nWorld", document.Text);
    }

    private SourceFile Source(string name, byte[] content)
    {
        var path = _folder.Write(name, content);
        return new SourceFile(path, name, content.Length, DateTimeOffset.UtcNow);
    }

    private sealed class NonSeekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }

    private sealed class ThrowingParser : IDocumentParser
    {
        public IReadOnlyCollection<string> Extensions { get; } = [".boom"];

        public ParsedDocument Parse(Stream content, string fileName) => throw new FormatException("kaput");
    }
}
