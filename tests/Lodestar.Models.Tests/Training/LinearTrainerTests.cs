using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Models.Training;
using MathNet.Numerics.LinearAlgebra;

namespace Lodestar.Models.Tests.Training;

public sealed class LinearTrainerTests
{
    [Fact]
    public void Train_Logistic_ReachesPenalisedOptimum()
    {
        var set = TrainingSet.Create(SyntheticData.Dataset(800, 11), "label", Algorithm.Logistic);
        var options = new LinearTrainerOptions { L2 = 0.5 };

        var model = LinearTrainer.Train(set, options);

        // At the optimum the gradient sum_i x_i (p_i - y_i) + L2 * w (intercept unpenalised) vanishes.
        var design = DesignMatrix.Build(set.Features);
        var weights = Flatten(model, design);
        var gradient = new double[design.Width];
        for (var row = 0; row < design.Rows; row++)
        {
            var x = design.Values.AsSpan(row * design.Width, design.Width);
            double eta = 0;
            for (var j = 0; j < x.Length; j++)
            {
                eta += x[j] * weights[j];
            }

            var residual = (1 / (1 + Math.Exp(-eta))) - set.Target[row];
            for (var j = 0; j < x.Length; j++)
            {
                gradient[j] += x[j] * residual;
            }
        }

        for (var j = 1; j < gradient.Length; j++)
        {
            gradient[j] += options.L2 * weights[j];
        }

        Assert.All(gradient, g => Assert.True(Math.Abs(g) < 1e-6, $"gradient component {g}"));
    }

    [Fact]
    public void Train_Ridge_MatchesNormalEquations()
    {
        var set = TrainingSet.Create(SyntheticData.Dataset(500, 12, regression: true), "y", Algorithm.Linear);

        var model = LinearTrainer.Train(set);

        var design = DesignMatrix.Build(set.Features);
        var x = Matrix<double>.Build.Dense(design.Rows, design.Width, (i, j) => design.Values[(i * design.Width) + j]);
        var penalty = Matrix<double>.Build.DenseIdentity(design.Width);
        penalty[0, 0] = 0;
        var expected = (x.TransposeThisAndMultiply(x) + penalty).Solve(x.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(set.Target)));
        var actual = Flatten(model, design);
        for (var j = 0; j < actual.Length; j++)
        {
            Assert.Equal(expected[j], actual[j], 1e-8);
        }
    }

    [Fact]
    public void Explain_Linear_ContributionsSumToRawPrediction()
    {
        var set = TrainingSet.Create(SyntheticData.Dataset(300, 13), "label", Algorithm.Logistic);
        var model = LinearTrainer.Train(set);
        var raw = new double[set.Features.RowCount];
        model.PredictRaw(set.Features, raw);

        for (var row = 0; row < 30; row++)
        {
            var explanation = model.Explain(set.Features, row);

            Assert.Equal(raw[row], explanation.ExpectedValue + explanation.Contributions.Values.Sum(), 1e-12);
            Assert.Equal(3, explanation.Contributions.Count);
        }
    }

    [Fact]
    public void Create_LinearWithTextTarget_Throws()
    {
        var data = SyntheticData.Dataset(50, 14);

        var error = Assert.Throws<LodestarException>(() => TrainingSet.Create(data, "label", Algorithm.Linear));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("not numeric", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_LogisticWithManyClasses_Throws()
    {
        var data = TabularDataset.Read(new StringReader("x,y\n1,a\n2,b\n3,c\n"));

        Assert.Throws<LodestarException>(() => TrainingSet.Create(data, "y", Algorithm.Logistic));
    }

    private static double[] Flatten(LinearModel model, DesignMatrix design)
    {
        var weights = new double[design.Width];
        weights[0] = model.Intercept;
        for (var f = 0; f < model.Weights.Length; f++)
        {
            model.Weights[f].CopyTo(weights, design.Offsets[f]);
        }

        return weights;
    }
}
