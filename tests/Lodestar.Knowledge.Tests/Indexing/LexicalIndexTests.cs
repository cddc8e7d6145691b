using Lodestar.Core;
using Lodestar.Knowledge.Indexing;
using static Lodestar.Knowledge.Tests.Indexing.IndexTestData;

namespace Lodestar.Knowledge.Tests.Indexing;

public sealed class LexicalIndexTests
{
    [Fact]
    public void Search_SingleTerm_ScoresLuceneBm25()
    {
        // Arrange: N=3, avgdl=3, "apple": df=1 and tf=2 in a 3-term document.
        using var index = LexicalIndex.CreateInMemory(PlainOptions);
        index.Add([Chunk("c1", "d1", "apple banana apple"), Chunk("c2", "d2", "banana cherry"), Chunk("c3", "d3", "cherry cherry cherry durian")]);
        index.Commit();

        // Act
        var hits = index.Search("apple", 10);

        // Assert: idf = ln(1 + 2.5/1.5) = 0.980829; 0.980829 * 2 / (2 + 0.9 * (0.6 + 0.4 * 3/3)) = 0.676434.
        var hit = Assert.Single(hits);
        Assert.Equal("c1", hit.ChunkId);
        Assert.Equal("d1", hit.DocumentId);
        Assert.Equal(0.676434f, hit.Score, 5);
    }

    [Fact]
    public void Search_RepeatedQueryTerm_CountsTwice()
    {
        // Arrange
        using var index = LexicalIndex.CreateInMemory(PlainOptions);
        index.Add([Chunk("c1", "d1", "apple banana apple"), Chunk("c2", "d2", "banana cherry")]);
        index.Commit();

        // Act
        var once = index.Search("apple", 1)[0].Score;
        var twice = index.Search("apple apple", 1)[0].Score;

        // Assert
        Assert.Equal(2 * once, twice, 5);
    }

    [Fact]
    public void Search_EqualScores_BreaksTiesByInsertionOrder()
    {
        // Arrange
        using var index = LexicalIndex.CreateInMemory(PlainOptions);
        index.Add([Chunk("b", "d", "same words"), Chunk("a", "d", "same words"), Chunk("c", "d", "same words")]);
        index.Commit();

        // Act
        var hits = index.Search("same", 2);

        // Assert
        Assert.Equal(["b", "a"], ChunkIds(hits));
        Assert.Equal(hits[0].Score, hits[1].Score);
    }

    [Fact]
    public void Search_TitleWeightTwo_CountsTitleTermsTwice()
    {
        // Arrange: in d1 "zebra" occurs once in the title, in d2 twice in the body; same lengths.
        using var index = LexicalIndex.CreateInMemory(PlainOptions with { TitleWeight = 2 });
        index.Add([Chunk("c1", "d1", "other", title: "zebra"), Chunk("c2", "d2", "zebra zebra other")]);
        index.Commit();

        // Act
        var hits = index.Search("zebra", 2);

        // Assert
        Assert.Equal(hits[0].Score, hits[1].Score);
    }

    [Fact]
    public void Search_RestrictiveFilter_StillReturnsKAcceptedHitsAndAsksOncePerDocument()
    {
        // Arrange: 20 documents of two chunks each; only the two weakest documents are accepted.
        using var index = LexicalIndex.CreateInMemory(PlainOptions);
        for (var d = 0; d < 20; d++)
        {
            var body = string.Join(' ', Enumerable.Repeat("signal", 20 - d)) + " noise";
            index.Add([Chunk($"d{d}a", $"d{d}", body), Chunk($"d{d}b", $"d{d}", body + " more")]);
        }

        index.Commit();
        var asked = new List<string>();

        // Act
        var hits = index.Search("signal", 3, id =>
        {
            asked.Add(id);
            return id is "d18" or "d19";
        });

        // Assert
        Assert.Equal(3, hits.Count);
        Assert.All(hits, h => Assert.Contains(h.DocumentId, new[] { "d18", "d19" }));
        Assert.Equal(asked.Count, asked.Distinct().Count());
    }

    [Fact]
    public void Add_BeforeCommit_IsInvisible()
    {
        // Arrange
        using var index = LexicalIndex.CreateInMemory(PlainOptions);

        // Act
        index.Add([Chunk("c1", "d1", "hello")]);

        // Assert
        Assert.Equal(0, index.Count);
        Assert.Empty(index.Search("hello", 5));
        Assert.Equal(0, index.Generation);
    }

    [Fact]
    public void Commit_AddDeleteReplaceAcrossCommits_ShowsOnlyLatestState()
    {
        // Arrange
        using var index = LexicalIndex.CreateInMemory(PlainOptions);
        index.Add([Chunk("a1", "A", "alpha shared"), Chunk("a2", "A", "alpha more"), Chunk("b1", "B", "beta shared")]);
        index.Commit();

        // Act: replace b1, delete A, add C (then delete a buffered chunk of D in the same commit).
        index.Add([Chunk("b1", "B", "gamma shared"), Chunk("c1", "C", "shared delta"), Chunk("x1", "D", "shared")]);
        index.DeleteDocument("A");
        index.DeleteDocument("D");
        index.Commit();

        // Assert
        Assert.Equal(2, index.Generation);
        Assert.Equal(2, index.Count);
        Assert.Empty(index.Search("alpha", 5));
        Assert.Empty(index.Search("beta", 5));
        Assert.Equal(["b1"], ChunkIds(index.Search("gamma", 5)));
        Assert.Equal(["b1", "c1"], ChunkIds(index.Search("shared", 5)).Order());
    }

    [Fact]
    public void Commit_ManySmallCommits_MergesSegmentsAndKeepsEveryLiveChunk()
    {
        // Arrange
        using var index = LexicalIndex.CreateInMemory(PlainOptions);

        // Act: 25 commits, deleting every third document along the way.
        for (var i = 0; i < 25; i++)
        {
            index.Add([Chunk($"c{i}", $"d{i}", $"common word{i}")]);
            if (i % 3 == 2)
            {
                index.DeleteDocument($"d{i - 1}");
            }

            index.Commit();
        }

        // Assert
        var expected = Enumerable.Range(0, 25).Where(i => !(i % 3 == 1 && i < 24)).Select(i => $"c{i}").Order().ToArray();
        Assert.Equal(expected.Length, index.Count);
        Assert.Equal(expected, ChunkIds(index.Search("common", 100)).Order());
        Assert.Equal(["c6"], ChunkIds(index.Search("word6", 5)));
        Assert.Empty(index.Search("word4", 5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Search_NonPositiveK_ThrowsInvalid(int k)
    {
        using var index = LexicalIndex.CreateInMemory();

        var error = Assert.Throws<LodestarException>(() => index.Search("x", k));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public void Add_BatchWithEmptyChunkId_ThrowsAndAddsNothing()
    {
        // Arrange
        using var index = LexicalIndex.CreateInMemory(PlainOptions);

        // Act
        Assert.Throws<LodestarException>(() => index.Add([Chunk("ok", "d", "fine"), Chunk("", "d", "bad")]));
        index.Commit();

        // Assert
        Assert.Equal(0, index.Count);
    }

    [Theory]
    [InlineData(-0.1f, 0.4f, 1f)]
    [InlineData(0.9f, 1.5f, 1f)]
    [InlineData(0.9f, 0.4f, 0.5f)]
    public void CreateInMemory_BadOptions_ThrowsInvalid(float k1, float b, float titleWeight)
    {
        var error = Assert.Throws<LodestarException>(() => LexicalIndex.CreateInMemory(new LexicalIndexOptions(k1, b, titleWeight)));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }
}
