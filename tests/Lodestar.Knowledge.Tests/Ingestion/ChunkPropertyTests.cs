using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Knowledge.Tests.Ingestion;

/// <summary>Invariants of the chunker over many random documents (seeded, so failures reproduce).</summary>
public sealed class ChunkPropertyTests
{
    private static readonly string[] Vocabulary = ["the", "key", "rotate", "VPN", "on-call", "3.5", "naïve", "x_y", "API", "done", "e.g.", "(see", "below)"];

    [Theory]
    [InlineData(1, 256, 32, 16)]
    [InlineData(2, 40, 8, 4)]
    [InlineData(3, 20, 0, 0)]
    [InlineData(4, 12, 11, 12)]
    public void Split_RandomDocuments_ChunksAreExactOrderedCoveringSlices(int seed, int max, int overlap, int min)
    {
        var random = new Random(seed);
        var chunker = new StructuredChunker(new ChunkingOptions(max, overlap, min));
        for (var round = 0; round < 120; round++)
        {
            var document = RandomDocument(random);

            var chunks = chunker.Split(document);

            AssertInvariants(document, chunks, max);
        }
    }

    internal static void AssertInvariants(ParsedDocument document, IReadOnlyList<Chunk> chunks, int max)
    {
        var covered = new bool[document.Text.Length];
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            Assert.Equal(i, chunk.Ordinal);
            Assert.Equal(document.Text[chunk.StartOffset..chunk.EndOffset], chunk.Text);
            Assert.Equal(StructuredChunker.CountTokens(chunk.Text), chunk.TokenCount);
            Assert.InRange(chunk.TokenCount, 1, max);
            if (i > 0)
            {
                Assert.True(chunk.StartOffset > chunks[i - 1].StartOffset, "chunk starts must increase");
                Assert.True(chunk.EndOffset > chunks[i - 1].EndOffset, "chunk ends must increase");
            }

            Array.Fill(covered, true, chunk.StartOffset, chunk.EndOffset - chunk.StartOffset);
        }

        for (var c = 0; c < covered.Length; c++)
        {
            if (!covered[c] && !char.IsWhiteSpace(document.Text[c]))
            {
                Assert.Fail($"character {c} ('{document.Text[c]}') is in no chunk");
            }
        }

        foreach (var block in document.Blocks.Where(b => b.Kind is SectionKind.Code or SectionKind.Table))
        {
            if (StructuredChunker.CountTokens(document.Text.AsSpan(block.StartOffset, block.EndOffset - block.StartOffset)) <= max)
            {
                Assert.Contains(chunks, c => c.StartOffset <= block.StartOffset && c.EndOffset >= block.EndOffset);
            }
        }
    }

    private static ParsedDocument RandomDocument(Random random)
    {
        var builder = new DocumentBuilder("text/markdown");
        var blocks = random.Next(0, 30);
        for (var b = 0; b < blocks; b++)
        {
            var kind = (SectionKind)random.Next(0, 6);
            if (kind == SectionKind.Heading)
            {
                builder.Heading(random.Next(1, 4), Sentence(random, random.Next(1, 8)));
                continue;
            }

            var lines = kind is SectionKind.Code or SectionKind.Table ? random.Next(1, 8) : 1;
            var text = string.Join('\n', Enumerable.Range(0, lines).Select(_ => Paragraph(random, kind)));
            builder.Block(kind, text);
        }

        return builder.Build("random");
    }

    private static string Paragraph(Random random, SectionKind kind)
    {
        var sentences = kind is SectionKind.Paragraph or SectionKind.Quote ? random.Next(1, 12) : 1;
        return string.Join(' ', Enumerable.Range(0, sentences).Select(_ => Sentence(random, random.Next(1, 30)) + ".!?;"[random.Next(4)]));
    }

    private static string Sentence(Random random, int words) =>
        string.Join(random.Next(10) == 0 ? "  " : " ", Enumerable.Range(0, words).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
}
