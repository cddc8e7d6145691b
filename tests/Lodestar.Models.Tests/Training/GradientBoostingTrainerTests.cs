using Lodestar.Models.Training;

namespace Lodestar.Models.Tests.Training;

public sealed class GradientBoostingTrainerTests
{
    [Fact]
    public void Train_NonLinearClassification_BeatsLogisticOnHeldOutAuc()
    {
        var train = TrainingSet.Create(SyntheticData.Dataset(4000, 1), "label", Algorithm.Gbdt);
        var test = train.With(SyntheticData.Dataset(2000, 2));

        var trees = GradientBoostingTrainer.Train(train);
        var linear = LinearTrainer.Train(train);

        var treeAuc = Metrics.Auc(test.Target, trees.Predict(test.Features));
        var linearAuc = Metrics.Auc(test.Target, linear.Predict(test.Features));
        Assert.True(treeAuc > 0.95, $"tree AUC {treeAuc}");
        Assert.True(treeAuc > linearAuc + 0.02, $"tree {treeAuc} vs linear {linearAuc}");
    }

    [Fact]
    public void Train_SameSeed_IsDeterministic()
    {
        var train = TrainingSet.Create(SyntheticData.Dataset(1500, 3), "label", Algorithm.Gbdt);
        var options = new GradientBoostingOptions { EarlyStopping = true, MaxIterations = 30 };

        var first = GradientBoostingTrainer.Train(train, options).Predict(train.Features);
        var second = GradientBoostingTrainer.Train(train, options).Predict(train.Features);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Train_Regression_ExplainsMostVariance()
    {
        var train = TrainingSet.Create(SyntheticData.Dataset(3000, 4, regression: true), "y", Algorithm.Gbdt);
        var test = train.With(SyntheticData.Dataset(1000, 5, regression: true));

        var model = GradientBoostingTrainer.Train(train);
        var metrics = Metrics.Evaluate(ModelTask.Regression, test.Target, model.Predict(test.Features));

        Assert.Equal(ModelTask.Regression, train.Signature.Task);
        Assert.True(metrics["r2"] > 0.85, $"r2 {metrics["r2"]}");
    }

    [Fact]
    public void Explain_EveryRow_ContributionsSumToRawPrediction()
    {
        var train = TrainingSet.Create(SyntheticData.Dataset(2000, 6), "label", Algorithm.Gbdt);
        var model = GradientBoostingTrainer.Train(train, new GradientBoostingOptions { MaxIterations = 20 });
        var raw = new double[train.Features.RowCount];
        model.PredictRaw(train.Features, raw);

        for (var row = 0; row < 50; row++)
        {
            var explanation = model.Explain(train.Features, row);
            var total = explanation.ExpectedValue + explanation.Contributions.Values.Sum();
            Assert.Equal(raw[row], explanation.RawPrediction, 1e-9);
            Assert.Equal(raw[row], total, 1e-9);
        }
    }

    [Fact]
    public void Explain_FeatureWithoutSignal_GetsNoContribution()
    {
        var train = TrainingSet.Create(SyntheticData.Dataset(2000, 7), "label", Algorithm.Gbdt);
        var model = GradientBoostingTrainer.Train(train, new GradientBoostingOptions { MaxIterations = 1, MaxLeafNodes = 2 });
        var tree = model.Trees[0];
        var splitFeature = train.Signature.Inputs[tree.Feature[0]].Name;

        var explanation = model.Explain(train.Features, 0);

        // A single stump: only its split feature can carry a contribution.
        foreach (var (name, value) in explanation.Contributions)
        {
            if (name != splitFeature)
            {
                Assert.Equal(0, value);
            }
        }

        Assert.NotEqual(0, explanation.Contributions[splitFeature]);
    }
}
