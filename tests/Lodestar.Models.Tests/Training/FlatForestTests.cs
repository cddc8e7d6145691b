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
        var expected = new double[test.Features.RowCount];
        for (var row = 0; row < expected.Length; row++)
        {
            expected[row] = model.BaseScore;
            foreach (var tree in model.Trees)
            {
                expected[row] += tree.Value[tree.Leaf(test.Features.Columns, row)];
            }
        }

        // Act
        var raw = new double[test.Features.RowCount];
        model.PredictRaw(test.Features, raw);

        // Assert
        Assert.Contains(model.Trees, tree => tree.IsCategorical.Contains(true));
        Assert.Contains(test.Features.Columns.SelectMany(c => c), double.IsNaN);
        Assert.Equal(expected, raw);
    }
}
