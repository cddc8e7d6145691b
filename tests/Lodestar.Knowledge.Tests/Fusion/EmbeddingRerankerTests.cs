using Lodestar.Core;
using Lodestar.Knowledge.Search.Fusion;
using Lodestar.Testing;

namespace Lodestar.Knowledge.Tests.Fusion;

public sealed class EmbeddingRerankerTests
{
    private static readonly (string Key, string Text, double Score)[] Candidates =
    [
        ("weather", "sunny weather expected tomorrow", 10.0),
        ("vaccine", "the measles vaccine prevents infection in children", 4.0),
        ("stocks", "stock markets fell sharply", 6.0),
    ];

    [Fact]
    public async Task RerankAsync_AlphaOne_OrdersBySemanticOverlapWithQuery()
    {
        var reranker = new EmbeddingReranker(new HashedBagOfWordsGenerator(), alpha: 1.0);

        var ranked = await reranker.RerankAsync("does the measles vaccine prevent infection", Candidates);

        Assert.Equal("vaccine", ranked[0].Key);
        Assert.Equal(3, ranked.Count);
        Assert.True(ranked[0].Score > 0.5, $"cosine was {ranked[0].Score}");
    }

    [Fact]
    public async Task RerankAsync_AlphaZero_KeepsMinMaxFirstStageOrder()
    {
        var reranker = new EmbeddingReranker(new HashedBagOfWordsGenerator(), alpha: 0.0);

        var ranked = await reranker.RerankAsync("measles vaccine", Candidates);

        Assert.Equal(["weather", "stocks", "vaccine"], ranked.Select(r => r.Key));
        Assert.Equal(1.0, ranked[0].Score, 12);
        Assert.Equal(1.0 / 3, ranked[1].Score, 12);
        Assert.Equal(0.0, ranked[2].Score, 12);
    }

    [Fact]
    public async Task RerankAsync_Blend_EqualsAlphaCosinePlusRestFirstStage()
    {
        var generator = new HashedBagOfWordsGenerator();
        var reranker = new EmbeddingReranker(generator, alpha: 0.5);

        var ranked = await reranker.RerankAsync("stock markets", Candidates);

        // "stock markets" shares 2 of the passage's 4 words: cosine 2 / (sqrt 2 · sqrt 4) = 0.7071 (absent hash collisions).
        var stocks = ranked.Single(r => r.Key == "stocks");
        Assert.Equal((0.5 * Math.Sqrt(0.5)) + (0.5 * (1.0 / 3)), stocks.Score, 6);
        Assert.Equal(1, generator.Calls);
    }

    [Fact]
    public async Task RerankAsync_NoCandidates_ReturnsEmptyWithoutEmbedding()
    {
        var generator = new HashedBagOfWordsGenerator();

        var ranked = await new EmbeddingReranker(generator).RerankAsync("q", []);

        Assert.Empty(ranked);
        Assert.Equal(0, generator.Calls);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Constructor_AlphaOutsideUnitInterval_ThrowsInvalid(double alpha)
    {
        var error = Assert.Throws<LodestarException>(() => new EmbeddingReranker(new HashedBagOfWordsGenerator(), alpha));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }
}
