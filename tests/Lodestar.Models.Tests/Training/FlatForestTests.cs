using Lodestar.Models.Training;

namespace Lodestar.Models.Tests.Training;

public sealed class FlatForestTests
{
    [Fact]
    public void PredictRaw_NumbersCategoriesAndMissingValues_EqualsTheTreeByTreeWalkExactly()
    {
        // Arrange: rows the model has not seen, with missing values in x2 and all colour levels.
        var train = TrainingSet.Create(SyntheticData.Dataset(2000, 11), "label", Algorithm.Gbdt);
        var test = train.With(SyntheticData.Dataset(500, 12));
        var model = GradientBoostingTrainer.Train(train, new GradientBoostingOptions { MaxIterations = 40 });
        var expected = RandomForest.Walk(model.Trees, test.Features.Columns, test.Features.RowCount, model.BaseScore);

        // Act
        var raw = new double[test.Features.RowCount];
        model.PredictRaw(test.Features, raw);

        // Assert
        Assert.Contains(model.Trees, tree => tree.IsCategorical.Contains(true));
        Assert.Contains(test.Features.Columns.SelectMany(c => c), double.IsNaN);
        Assert.Equal(expected, raw);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void AddTo_RandomBigAndImbalancedTrees_EqualsTheTreeByTreeWalkExactly(int seed)
    {
        // Arrange: the walk is the fallback for trees past 64 leaves; chains make depths differ within a group of eight.
        var random = new Random(seed);
        var forest = new RandomForest(seed);
        var trees = Enumerable.Range(0, 30).Select(t => forest.Tree(random.Next(1, 150), chain: t % 4 == 0)).ToList();
        var columns = forest.Rows(2000);
        var expected = RandomForest.Walk(trees, columns, 2000, 0.1);
        var scores = Enumerable.Repeat(0.1, 2000).ToArray();

        // Act
        FlatForest.From(trees).AddTo(columns, scores);

        // Assert
        Assert.Equal(expected, scores);
    }
}
