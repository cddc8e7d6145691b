using Lodestar.Models.Training;

namespace Lodestar.Models.Tests.Training;

public sealed class QuickScorerTests
{
    [Theory]
    [InlineData(1, 40, false)]
    [InlineData(2, 40, true)]
    [InlineData(3, 7, false)]
    [InlineData(4, 200, true)]
    [InlineData(5, 200, false)]
    public void AddTo_RandomForestsOfUpTo64Leaves_EqualsTheTreeByTreeWalkExactly(int seed, int treeCount, bool fewLevels)
    {
        // Arrange: bushy and chain-shaped trees of 1 to 64 leaves; rows with NaN, ties, infinities, odd categories.
        // Seven trees leave most features without a checkpoint; two hundred space checkpoints 50 splits apart. Few
        // levels make the categorical nodes of a feature fall in a few classes (scored by class, not node by node).
        var random = new Random(seed);
        var forest = new RandomForest(seed) { OddThresholds = true, FewLevels = fewLevels };
        var trees = Enumerable.Range(0, treeCount).Select(t => forest.Tree(random.Next(1, 65), chain: t % 5 == 0)).ToList();
        var columns = forest.Rows(3000);
        var expected = RandomForest.Walk(trees, columns, 3000, 0.25);
        var scores = new double[3000];
        scores.AsSpan().Fill(0.25);

        // Act
        QuickScorer.TryFrom(trees)!.AddTo(columns, scores);

        // Assert
        Assert.Equal(expected, scores);
    }

    [Fact]
    public void AddTo_ChainsOf64Leaves_EqualsTheTreeByTreeWalkExactly()
    {
        // Arrange: the deepest trees that fit (63 levels), where a left subtree holds 63 of the word's bits.
        var forest = new RandomForest(5);
        var trees = Enumerable.Range(0, 10).Select(_ => forest.Tree(64, chain: true)).ToList();
        var columns = forest.Rows(2000);
        var expected = RandomForest.Walk(trees, columns, 2000, 0);

        // Act
        var scores = new double[2000];
        QuickScorer.TryFrom(trees)!.AddTo(columns, scores);

        // Assert
        Assert.Equal(expected, scores);
    }

    [Fact]
    public void AddTo_SingleLeafTrees_AddsEachLeafValueInTreeOrder()
    {
        // Arrange
        var forest = new RandomForest(6);
        var trees = new[] { forest.Tree(1), forest.Tree(3), forest.Tree(1) };
        var columns = forest.Rows(50);
        var expected = RandomForest.Walk(trees, columns, 50, -1);
        var scores = Enumerable.Repeat(-1.0, 50).ToArray();

        // Act
        QuickScorer.TryFrom(trees)!.AddTo(columns, scores);

        // Assert
        Assert.Equal(expected, scores);
        Assert.Equal(-1 + trees[0].Value[0] + trees[1].Value[trees[1].Leaf(columns, 7)] + trees[2].Value[0], scores[7]);
    }

    [Fact]
    public void AddTo_ValueEqualToTheThreshold_GoesLeft()
    {
        // Arrange: one stump, x <= 1 goes left (value 10), larger numbers right (20), NaN right.
        var stump = new DecisionTree
        {
            Feature = [0, -1, -1], Threshold = [1, 0, 0], LeftCategories = new ulong[12], IsCategorical = new bool[3],
            MissingLeft = [false, false, false], Left = [1, -1, -1], Right = [2, -1, -1], Value = [0, 10, 20], Cover = [2, 1, 1],
        };
        double[][] columns = [[1, Math.BitIncrement(1), double.NaN, double.NegativeInfinity]];

        // Act
        var scores = new double[4];
        QuickScorer.TryFrom([stump])!.AddTo(columns, scores);

        // Assert
        Assert.Equal([10, 20, 20, 10], scores);
    }

    [Fact]
    public void TryFrom_ATreeWith65Leaves_ReturnsNull()
    {
        // Arrange
        var forest = new RandomForest(7);
        var trees = new[] { forest.Tree(64), forest.Tree(65) };

        // Act
        var scorer = QuickScorer.TryFrom(trees);

        // Assert
        Assert.Null(scorer);
    }

    [Fact]
    public void AddTo_FewerColumnsThanTheTreesTest_Throws()
    {
        // Arrange
        var forest = new RandomForest(8);
        var scorer = QuickScorer.TryFrom([forest.Tree(31)])!;
        var columns = forest.Rows(3)[..1];

        // Act
        var error = Assert.Throws<ArgumentException>(() => scorer.AddTo(columns, new double[3]));

        // Assert
        Assert.Contains("the rows have 1", error.Message, StringComparison.Ordinal);
    }
}
