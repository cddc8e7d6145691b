using Lodestar.Models.Data;
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

    [Fact]
    public void Train_CategoryOnlySignal_UsesNativeCategoricalSplits()
    {
        var random = new Random(8);
        string[] cities = ["oslo", "rome", "lima", "pune", "kyiv", "baku"];
        var csv = "noise,city,label\n" + string.Join("\n", Enumerable.Range(0, 3000).Select(_ =>
        {
            var city = cities[random.Next(cities.Length)];
            var positive = city is "rome" or "pune" or "baku" ? random.NextDouble() < 0.9 : random.NextDouble() < 0.1;
            return $"{random.NextDouble()},{city},{(positive ? 1 : 0)}";
        }));
        var set = TrainingSet.Create(TabularDataset.Read(new StringReader(csv)), "label", Algorithm.Gbdt);

        var model = GradientBoostingTrainer.Train(set, new GradientBoostingOptions { MaxIterations = 10 });

        Assert.True(model.Trees[0].IsCategorical[0], "the first split should be the city");
        var metrics = Metrics.Evaluate(ModelTask.BinaryClassification, set.Target, model.Predict(set.Features));
        Assert.True(metrics["accuracy"] > 0.85, $"accuracy {metrics["accuracy"]}");
    }

    [Fact]
    public void Train_MissingValuesCarrySignal_LearnsMissingDirection()
    {
        var random = new Random(9);
        var csv = "x,label\n" + string.Join("\n", Enumerable.Range(0, 2000).Select(_ =>
        {
            var missing = random.NextDouble() < 0.3;
            var x = random.NextDouble();
            var positive = missing || x > 0.8;
            return $"{(missing ? "" : x.ToString(System.Globalization.CultureInfo.InvariantCulture))},{(positive ? 1 : 0)}";
        }));
        var set = TrainingSet.Create(TabularDataset.Read(new StringReader(csv)), "label", Algorithm.Gbdt);
        var model = GradientBoostingTrainer.Train(set, new GradientBoostingOptions { MaxIterations = 20 });
        var probe = TrainingSet.Create(TabularDataset.Read(new StringReader("x,label\n,1\n0.1,0\n0.9,1\n")), "label", Algorithm.Gbdt);

        var predictions = model.Predict(new FeatureTable(set.Signature.Inputs, probe.Features.Columns, 3));

        Assert.True(predictions[0] > 0.9, $"missing → {predictions[0]}");
        Assert.True(predictions[1] < 0.1, $"0.1 → {predictions[1]}");
        Assert.True(predictions[2] > 0.9, $"0.9 → {predictions[2]}");
    }
}
