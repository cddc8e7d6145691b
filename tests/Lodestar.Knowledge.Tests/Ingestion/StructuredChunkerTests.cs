using Lodestar.Core;
using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Knowledge.Tests.Ingestion;

public sealed class StructuredChunkerTests
{
    [Fact]
    public void Split_SmallDocument_ReturnsOneChunkWithFirstHeadingPath()
    {
        var document = Markdown("# Guide\n\nShort intro paragraph here.\n\n- item one\n- item two");

        var chunk = Assert.Single(new StructuredChunker(new ChunkingOptions()).Split(document));

        Assert.Equal(document.Text, chunk.Text);
        Assert.Equal("Guide", chunk.HeadingPath);
        Assert.Equal(0, chunk.Ordinal);
        Assert.Equal(StructuredChunker.CountTokens(document.Text), chunk.TokenCount);
    }

    [Fact]
    public void Split_Sections_EachHeadingStartsAChunkWithItsContent()
    {
        var document = Markdown($"# Doc\n\n{Words("alpha", 20)}\n\n## Second\n\n{Words("beta", 20)}");

        var chunks = new StructuredChunker(new ChunkingOptions(MaxTokens: 100, MinTokens: 5)).Split(document);

        Assert.Equal(2, chunks.Count);
        Assert.StartsWith("## Second", "## " + chunks[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("Second\n\nbeta", chunks[1].Text, StringComparison.Ordinal);
        Assert.Equal("Doc > Second", chunks[1].HeadingPath);
    }

    [Fact]
    public void Split_TinySection_IsMergedWithTheNextSection()
    {
        var document = Markdown($"# Doc\n\nTiny.\n\n## Next\n\n{Words("gamma", 30)}");

        var chunks = new StructuredChunker(new ChunkingOptions(MaxTokens: 100, MinTokens: 10)).Split(document);

        var chunk = Assert.Single(chunks);
        Assert.Equal("Doc", chunk.HeadingPath);
    }

    [Fact]
    public void Split_CodeBlockThatFits_IsNeverCut()
    {
        var code = string.Join('\n', Enumerable.Range(0, 6).Select(i => $"run step{i} --flag"));
        var document = Markdown($"# Doc\n\n{Words("delta", 30)}\n\n```\n{code}\n```\n\n{Words("omega", 10)}");

        var chunks = new StructuredChunker(new ChunkingOptions(MaxTokens: 45, OverlapTokens: 5, MinTokens: 2)).Split(document);

        Assert.Single(chunks, c => c.Text.Contains(code, StringComparison.Ordinal));
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 45));
    }

    [Fact]
    public void Split_OversizeParagraph_CutsAtSentenceEndsWithOverlap()
    {
        // Ten sentences of exactly ten tokens (nine words and a period).
        var sentences = Enumerable.Range(0, 10).Select(i => string.Join(' ', Enumerable.Repeat($"s{i}", 9)) + ".").ToList();
        var document = Plain(string.Join(' ', sentences));

        var chunks = new StructuredChunker(new ChunkingOptions(MaxTokens: 25, OverlapTokens: 12, MinTokens: 1)).Split(document);

        Assert.Equal(sentences[0] + " " + sentences[1], chunks[0].Text);
        Assert.Equal(sentences[1] + " " + sentences[2], chunks[1].Text);
        Assert.EndsWith(sentences[9], chunks[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_OversizeSentence_CutsBetweenWordsWithExactOverlap()
    {
        var words = Enumerable.Range(0, 50).Select(i => $"w{i}").ToList();
        var document = Plain(string.Join(' ', words));

        var chunks = new StructuredChunker(new ChunkingOptions(MaxTokens: 20, OverlapTokens: 5, MinTokens: 1)).Split(document);

        Assert.Equal(string.Join(' ', words[..20]), chunks[0].Text);
        Assert.Equal(string.Join(' ', words[15..35]), chunks[1].Text);
        Assert.Equal(string.Join(' ', words[30..50]), chunks[2].Text);
        Assert.Equal(3, chunks.Count);
    }

    [Fact]
    public void Split_OversizeTableCutBetweenRows_RepeatsNoRowFragment()
    {
        // Rows of thirteen tokens; a five-token overlap window never contains a row start.
        var rows = Enumerable.Range(0, 8).Select(i => $"r{i} | a b c d e | f g h i j").ToList();
        var builder = new DocumentBuilder("text/csv");
        builder.Block(SectionKind.Table, string.Join('\n', rows));

        var chunks = new StructuredChunker(new ChunkingOptions(MaxTokens: 30, OverlapTokens: 5, MinTokens: 1)).Split(builder.Build("t"));

        Assert.Equal(["r0", "r2", "r4", "r6"], chunks.Select(c => c.Text[..2]));
        Assert.All(chunks, c => Assert.Equal(26, c.TokenCount));
    }

    [Fact]
    public void Split_TinyTrailingChunk_IsMergedIntoPrevious()
    {
        var document = Plain($"{Words("long", 30)}\n\nbye now");

        var chunks = new StructuredChunker(new ChunkingOptions(MaxTokens: 40, OverlapTokens: 0, MinTokens: 5)).Split(document);

        var chunk = Assert.Single(chunks);
        Assert.EndsWith("bye now", chunk.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_HeadingThatDoesNotFitWithItsTable_GoesWithThePreviousChunk()
    {
        var table = string.Join('\n', Enumerable.Range(0, 6).Select(i => $"row{i} | value{i}"));
        var builder = new DocumentBuilder("text/markdown");
        builder.Heading(1, "Doc");
        builder.Block(SectionKind.Paragraph, Words("intro", 10));
        builder.Heading(2, "Limits table");
        builder.Block(SectionKind.Table, table);
        var document = builder.Build("Doc");

        var chunks = new StructuredChunker(new ChunkingOptions(MaxTokens: 18, OverlapTokens: 0, MinTokens: 1)).Split(document);

        Assert.Equal(2, chunks.Count);
        Assert.EndsWith("Limits table", chunks[0].Text, StringComparison.Ordinal);
        Assert.Equal(table, chunks[1].Text);
        Assert.Equal("Doc > Limits table", chunks[1].HeadingPath);
    }

    [Fact]
    public void Split_OnlyHeadings_ReturnsThemAsContent()
    {
        var chunk = Assert.Single(new StructuredChunker(new ChunkingOptions()).Split(Markdown("# One\n\n## Two")));

        Assert.Equal("One\n\nTwo", chunk.Text);
    }

    [Fact]
    public void Split_EmptyDocument_ReturnsNoChunks()
    {
        Assert.Empty(new StructuredChunker(new ChunkingOptions()).Split(new ParsedDocument("t", "  \n ", [], "text/plain")));
    }

    [Fact]
    public void Split_TextOutsideAnyBlock_IsStillCovered()
    {
        var document = new ParsedDocument("t", "before  MIDDLE  after", [new DocumentSection("H", 8, 14, SectionKind.Paragraph)], "text/plain");

        var chunk = Assert.Single(new StructuredChunker(new ChunkingOptions(MinTokens: 0)).Split(document));

        Assert.Equal(document.Text, chunk.Text);
    }

    [Fact]
    public void Split_BlocksOutOfOrder_AreChunkedInTextOrder()
    {
        var document = new ParsedDocument(
            "t",
            "first block\n\nsecond block",
            [new DocumentSection("B", 13, 25, SectionKind.Paragraph), new DocumentSection("A", 0, 11, SectionKind.Paragraph)],
            "text/plain");

        var chunk = Assert.Single(new StructuredChunker(new ChunkingOptions(MinTokens: 0)).Split(document));

        Assert.Equal(document.Text, chunk.Text);
        Assert.Equal("A", chunk.HeadingPath);
    }

    [Fact]
    public void Split_BlockOutsideText_ThrowsArgumentException()
    {
        var document = new ParsedDocument("t", "abc", [new DocumentSection("", 1, 9, SectionKind.Paragraph)], "text/plain");

        Assert.Throws<ArgumentException>(() => new StructuredChunker(new ChunkingOptions()).Split(document));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(10, 10, 1)]
    [InlineData(10, 2, 11)]
    [InlineData(10, -1, 1)]
    public void Constructor_InvalidOptions_ThrowsInvalid(int max, int overlap, int min)
    {
        var error = Assert.Throws<LodestarException>(() => new StructuredChunker(new ChunkingOptions(max, overlap, min)));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("hello world", 2)]
    [InlineData("don't stop!", 5)]
    [InlineData("x=1.5e3 ; naïve café", 8)]
    [InlineData("日本語 テキスト", 2)]
    public void CountTokens_Text_CountsWordsAndPunctuation(string text, int expected)
    {
        Assert.Equal(expected, StructuredChunker.CountTokens(text));
    }

    internal static string Words(string stem, int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => stem + i));

    private static ParsedDocument Markdown(string markdown) => Parsed.From(new MarkdownDocumentParser(), markdown, "doc.md");

    private static ParsedDocument Plain(string text) => Parsed.From(new PlainTextDocumentParser(), text, "doc.txt");
}
