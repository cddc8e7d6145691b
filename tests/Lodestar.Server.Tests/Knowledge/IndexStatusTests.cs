using Lodestar.Knowledge.Sync;
using Lodestar.Testing;

namespace Lodestar.Server.Tests.Knowledge;

public sealed class IndexStatusTests
{
    [Fact]
    public async Task StatusAsync_AfterIngestWithEmbeddings_RecordsTheModelAndIsCurrent()
    {
        await using var fixture = new KnowledgeFixture(embedder: new HashedBagOfWordsGenerator(64));
        fixture.Documents.Write("a.md", "# A\n\nalpha beta gamma\n");
        fixture.Documents.Write("b.md", "# B\n\ndelta epsilon\n");
        await fixture.IngestAsync();

        var status = await fixture.Get<IngestionService>().StatusAsync(KnowledgeFixture.Kb);

        Assert.True(status.LatestSequence >= 2);
        Assert.Equal(status.LatestSequence, status.LexicalSequence);
        Assert.Equal(status.LatestSequence, status.VectorSequence);
        Assert.Equal(nameof(HashedBagOfWordsGenerator), status.EmbeddingModel);
        Assert.Equal(status.EmbeddingModel, status.ConfiguredEmbeddingModel);
        Assert.Equal(64, status.VectorDimensions);
        Assert.True(status.LexicalCurrent && status.VectorsCurrent);
        Assert.False(status.Indexing);
    }

    [Fact]
    public async Task StatusAsync_ChangesNotYetReplayed_ReportsTheLagWithoutCatchingUp()
    {
        await using var fixture = new KnowledgeFixture();
        fixture.Documents.Write("a.md", "# A\n\nalpha beta gamma\n");
        await fixture.IngestAsync();
        var before = await fixture.Get<IngestionService>().StatusAsync(KnowledgeFixture.Kb);
        // Restarting with the index state removed makes the committed sequence 0 again until the next catch-up.
        await fixture.RestartAsync(() => File.Delete(Path.Combine(fixture.DataPath, "indexes", "default", "default", "state.json")));

        var lagging = await fixture.Get<IngestionService>().StatusAsync(KnowledgeFixture.Kb);
        await fixture.SearchAsync("alpha");
        var after = await fixture.Get<IngestionService>().StatusAsync(KnowledgeFixture.Kb);

        Assert.True(before.LexicalCurrent);
        Assert.Equal(0, lagging.LexicalSequence);
        Assert.False(lagging.LexicalCurrent);
        Assert.Null(lagging.ConfiguredEmbeddingModel);
        Assert.False(lagging.VectorsCurrent);
        Assert.True(after.LexicalCurrent);
    }
}
