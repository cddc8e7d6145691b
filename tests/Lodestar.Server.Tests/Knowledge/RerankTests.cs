using Lodestar.Core;
using Lodestar.Knowledge.Search;
using Lodestar.Testing;

namespace Lodestar.Server.Tests.Knowledge;

/// <summary>
/// The rerank stage over the real store and indexes. The corpus makes BM25 and cosine disagree: "alpha" is rare
/// (high idf) but sits in a long document; "beta" is common (low idf) but fills a short one.
/// </summary>
public sealed class RerankTests
{
    private const string Query = "alpha beta";

    [Fact]
    public async Task Search_NoRerank_RanksRareTermDocumentFirst()
    {
        await using var fixture = await CreateAsync(weight: 1.0);

        var hits = await SearchAsync(fixture, rerank: false);

        Assert.Equal("rare.md", hits[0].Source);
    }

    [Fact]
    public async Task Search_RerankWeightOne_OrdersByEmbeddingCosine()
    {
        await using var fixture = await CreateAsync(weight: 1.0);

        var hits = await SearchAsync(fixture, rerank: true);

        Assert.Equal("short.md", hits[0].Source);
        Assert.True(hits[0].Score <= 1.0 + 1e-6 && hits[0].Score > hits[1].Score);
    }

    [Fact]
    public async Task Search_RerankWeightZero_KeepsFirstStageOrder()
    {
        await using var fixture = await CreateAsync(weight: 0.0);

        var firstStage = await SearchAsync(fixture, rerank: false);
        var reranked = await SearchAsync(fixture, rerank: true);

        Assert.Equal(firstStage.Select(hit => hit.ChunkId), reranked.Select(hit => hit.ChunkId));
    }

    [Fact]
    public async Task Search_RerankDepthBelowK_KeepsTheTailInFirstStageOrderBelowTheHead()
    {
        await using var fixture = await CreateAsync(weight: 1.0, depth: 2);

        var firstStage = await SearchAsync(fixture, rerank: false);
        var reranked = await SearchAsync(fixture, rerank: true);

        Assert.Equal(firstStage.Count, reranked.Count);
        Assert.Equal(firstStage.Take(2).Select(hit => hit.ChunkId).Order(StringComparer.Ordinal), reranked.Take(2).Select(hit => hit.ChunkId).Order(StringComparer.Ordinal));
        Assert.Equal(firstStage.Skip(2).Select(hit => hit.ChunkId), reranked.Skip(2).Select(hit => hit.ChunkId));
        Assert.True(reranked[1].Score > reranked[2].Score);
    }

    [Fact]
    public async Task Search_RerankWithoutEmbeddingModel_ThrowsInvalid()
    {
        await using var fixture = new KnowledgeFixture();
        fixture.Documents.Write("a.md", "# A\n\nalpha beta\n");
        await fixture.IngestAsync();

        var error = await Assert.ThrowsAsync<LodestarException>(() => SearchAsync(fixture, rerank: true));

        Assert.Contains("embedding model", error.Message, StringComparison.Ordinal);
    }

    private static async Task<KnowledgeFixture> CreateAsync(double weight, int depth = 100)
    {
        var fixture = new KnowledgeFixture(options => { options.RerankWeight = weight; options.RerankDepth = depth; }, new HashedBagOfWordsGenerator());
        fixture.Documents.Write("rare.md", "# Xylo\n\nalpha " + string.Join(' ', Enumerable.Range(0, 40).Select(i => $"rarefill{i}")) + "\n");
        fixture.Documents.Write("short.md", "# Yonder\n\nbeta beta\n");
        for (var i = 0; i < 8; i++)
        {
            fixture.Documents.Write($"filler{i}.md", $"# Filler {i}\n\nbeta " + string.Join(' ', Enumerable.Range(0, 10 + i).Select(j => $"f{i}x{j}")) + "\n");
        }

        await fixture.IngestAsync();
        return fixture;
    }

    private static Task<IReadOnlyList<SearchHit>> SearchAsync(KnowledgeFixture fixture, bool rerank) =>
        fixture.Get<KnowledgeSearcher>().SearchAsync(new SearchRequest(KnowledgeFixture.Kb, Query, Principal.LocalAdministrator, SearchMode.Bm25, 10, rerank));
}
