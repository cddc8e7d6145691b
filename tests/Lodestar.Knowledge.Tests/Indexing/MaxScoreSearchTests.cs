using Lodestar.Knowledge.Indexing;
using static Lodestar.Knowledge.Tests.Indexing.IndexTestData;

namespace Lodestar.Knowledge.Tests.Indexing;

public sealed class MaxScoreSearchTests
{
    private static readonly string[] Vocabulary = [.. Enumerable.Range(0, 200).Select(i => $"w{i}")];

    /// <summary>3,000 chunks over three segments with skewed term frequencies, some documents deleted.</summary>
    private static LexicalIndex BuildSkewedIndex()
    {
        var random = new Random(42);
        var index = LexicalIndex.CreateInMemory(PlainOptions);
        for (var segment = 0; segment < 3; segment++)
        {
            var chunks = new List<LexicalDocument>();
            for (var i = 0; i < 1000; i++)
            {
                var id = (segment * 1000) + i;
                var words = Enumerable.Range(0, random.Next(5, 40)).Select(_ => Vocabulary[(int)(200 * Math.Pow(random.NextDouble(), 3))]);
                chunks.Add(Chunk($"c{id}", $"d{id / 2}", string.Join(' ', words)));
            }

            index.Add(chunks);
            index.Commit();
        }

        for (var d = 0; d < 1500; d += 7)
        {
            index.DeleteDocument($"d{d}");
        }

        index.Commit();
        return index;
    }

    [Theory]
    [InlineData("w0 w150")]
    [InlineData("w0 w1 w2 w3")]
    [InlineData("w199 w0 w0")]
    [InlineData("w5 w50 w100 w150 w0")]
    public void Search_SmallK_EqualsPrefixOfExhaustiveRanking(string query)
    {
        // Arrange
        using var index = BuildSkewedIndex();

        // Act: with k = every live chunk nothing can be pruned.
        var pruned = index.Search(query, 10);
        var exhaustive = index.Search(query, index.Count);

        // Assert
        Assert.Equal(exhaustive.Take(10), pruned);
    }

    [Fact]
    public void Cursor_Advance_MatchesLinearScan()
    {
        // Arrange: one term in every third of 1,000 documents spans several skip blocks.
        var builder = new SegmentBuilder();
        var term = builder.TermId("t");
        for (var doc = 0; doc < 1000; doc++)
        {
            builder.StartDocument($"c{doc}", "d", 1);
            if (doc % 3 == 0)
            {
                builder.AddPosting(term, doc, 1 + (doc % 5));
            }
        }

        var segment = Segment.Parse("s.lxs", builder.ToFile());

        // Act / Assert
        foreach (var target in new[] { 0, 1, 200, 383, 384, 385, 700, 998, 999 })
        {
            var cursor = segment.Cursor(0);
            cursor.Next();
            cursor.Advance(target);
            var expected = ((target + 2) / 3) * 3;
            Assert.Equal(expected, cursor.Doc);
            Assert.Equal(1 + (expected % 5), cursor.Freq);
        }

        var exhausted = segment.Cursor(0);
        exhausted.Advance(1000);
        Assert.Equal(PostingsCursor.NoMoreDocs, exhausted.Doc);
    }
}
