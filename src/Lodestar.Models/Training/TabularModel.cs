using System.Text.Json.Serialization;
using Lodestar.Models.Data;

namespace Lodestar.Models.Training;

/// <summary>
/// A trained model: a raw score per row (log-odds for classifiers) and its per-feature decomposition.
/// Serialised as JSON with a type discriminator (see <c>ModelArtifact</c>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "algorithm")]
[JsonDerivedType(typeof(LinearModel), "linear")]
[JsonDerivedType(typeof(GradientBoostedTreesModel), "gbdt")]
public abstract class TabularModel
{
    public required ModelSignature Signature { get; init; }

    /// <summary>Raw scores for every row: log-odds for classifiers, the value for regression.</summary>
    public abstract void PredictRaw(FeatureTable features, Span<double> raw);

    /// <summary>Per-input contributions of one row; <c>ExpectedValue + sum(Contributions) == RawPrediction</c>.</summary>
    public abstract Explanation Explain(FeatureTable features, int row);

    /// <summary>Probability of the positive class for classifiers, the value for regression, in row order.</summary>
    public double[] Predict(TabularDataset data) => Predict(FeatureTable.From(Signature.Inputs, data));

    public double[] Predict(FeatureTable features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var scores = new double[features.RowCount];
        PredictRaw(features, scores);
        if (Signature.Task == ModelTask.BinaryClassification)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = Sigmoid(scores[i]);
            }
        }

        return scores;
    }

    internal static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
}
