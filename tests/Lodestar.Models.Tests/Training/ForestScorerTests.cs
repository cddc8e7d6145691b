using Lodestar.Models.Training;

namespace Lodestar.Models.Tests.Training;

public sealed class ForestScorerTests
{
    [Fact]
    public void For_TreesOfUpTo64Leaves_UsesQuickScorer()
    {
        // Arrange
        var forest = new RandomForest(21);
        var trees = new[] { forest.Tree(64), forest.Tree(31, chain: true), forest.Tree(1) };

        // Act
        var scorer = ForestScorer.For(trees);

        // Assert
        Assert.IsType<QuickScorer>(scorer);
    }

    [Fact]
    public void For_ATreeWithMoreThan64Leaves_FallsBackToTheNodeWalkWithTheSameScores()
    {
        // Arrange
        var forest = new RandomForest(22);
        var trees = new[] { forest.Tree(31), forest.Tree(100), forest.Tree(5) };
        var columns = forest.Rows(500);
        var expected = RandomForest.Walk(trees, columns, 500, 0.5);
        var scores = Enumerable.Repeat(0.5, 500).ToArray();

        // Act
        var scorer = ForestScorer.For(trees);
        scorer.AddTo(columns, scores);

        // Assert
        Assert.IsType<FlatForest>(scorer);
        Assert.Equal(expected, scores);
    }
}
