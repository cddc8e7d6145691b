using Lodestar.Knowledge.Indexing;
using static Lodestar.Knowledge.Tests.Indexing.IndexTestData;

namespace Lodestar.Knowledge.Tests.Indexing;

public sealed class LexicalIndexConcurrencyTests
{
    [Fact]
    public async Task Search_WhileAnotherThreadCommits_SeesOnlyWholeCommits()
    {
        // Arrange: every commit adds ten matching chunks (and 30 commits force merges).
        using var index = LexicalIndex.CreateInMemory(PlainOptions);
        var writer = Task.Run(() =>
        {
            for (var c = 0; c < 30; c++)
            {
                index.Add(Enumerable.Range(0, 10).Select(i => Chunk($"c{c}-{i}", $"d{c}", "batch word")));
                index.Commit();
            }
        });

        // Act / Assert
        while (!writer.IsCompleted)
        {
            Assert.Equal(0, index.Search("batch", 1000).Count % 10);
        }

        await writer;
        Assert.Equal(300, index.Search("batch", 1000).Count);
    }
}
