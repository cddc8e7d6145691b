using Lodestar.Core;
using Lodestar.Knowledge.Search.Fusion;

namespace Lodestar.Knowledge.Tests.Fusion;

public sealed class RankFusionTests
{
    private static readonly RankedItem[] Lexical = [new("a", 12.0), new("b", 7.0), new("c", 2.0)];
    private static readonly RankedItem[] Semantic = [new("c", 0.9), new("a", 0.8), new("d", 0.1)];

    [Fact]
    public void Reciprocal_TwoLists_SumsOneOverKPlusRank()
    {
        var fused = RankFusion.Reciprocal([Lexical, Semantic], k: 60);

        // a: 1/61 + 1/62; c: 1/63 + 1/61; b: 1/62; d: 1/63
        Assert.Equal(["a", "c", "b", "d"], fused.Select(f => f.Key));
        Assert.Equal((1.0 / 61) + (1.0 / 62), fused[0].Score, 12);
        Assert.Equal((1.0 / 63) + (1.0 / 61), fused[1].Score, 12);
        Assert.Equal(1.0 / 63, fused[3].Score, 12);
    }

    [Fact]
    public void Reciprocal_WeightedSecondList_CanReorder()
    {
        var fused = RankFusion.Reciprocal([Lexical, Semantic], k: 0, weights: [1.0, 3.0]);

        // a: 1/1 + 3/2 = 2.5; c: 1/3 + 3/1 = 3.333; d: 3/3 = 1; b: 1/2
        Assert.Equal(["c", "a", "d", "b"], fused.Select(f => f.Key));
        Assert.Equal(10.0 / 3, fused[0].Score, 12);
    }

    [Fact]
    public void Reciprocal_EqualScores_OrdersByKey()
    {
        var fused = RankFusion.Reciprocal([[new("y", 1)], [new("x", 1)]]);

        Assert.Equal(["x", "y"], fused.Select(f => f.Key));
    }

    [Fact]
    public void WeightedNormalized_TwoLists_MinMaxThenWeightedSumWithMissingAsZero()
    {
        var fused = RankFusion.WeightedNormalized([Lexical, Semantic], [0.5, 0.5]);

        // lexical: a 1, b 0.5, c 0; semantic: c 1, a 0.875, d 0
        Assert.Equal(["a", "c", "b", "d"], fused.Select(f => f.Key));
        Assert.Equal(0.9375, fused[0].Score, 12);
        Assert.Equal(0.5, fused[1].Score, 12);
        Assert.Equal(0.25, fused[2].Score, 12);
        Assert.Equal(0.0, fused[3].Score, 12);
    }

    [Fact]
    public void WeightedNormalized_AllScoresEqual_NormalisesToOne()
    {
        var fused = RankFusion.WeightedNormalized([[new("a", 4), new("b", 4)]], [2.0]);

        Assert.All(fused, f => Assert.Equal(2.0, f.Score));
    }

    [Fact]
    public void WeightedNormalized_WrongWeightCount_ThrowsInvalid()
    {
        var error = Assert.Throws<LodestarException>(() => RankFusion.WeightedNormalized([Lexical, Semantic], [1.0]));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public void WeightedNormalized_NaNScore_ThrowsInvalid()
    {
        Assert.Throws<LodestarException>(() => RankFusion.WeightedNormalized([[new("a", double.NaN)]], [1.0]));
    }
}
