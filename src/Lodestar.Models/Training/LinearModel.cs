namespace Lodestar.Models.Training;

/// <summary>
/// A generalised linear model over standardised numbers and one-hot categories:
/// raw = intercept + sum w_j (x_j - mean_j) / scale_j + sum w_level. Missing numbers read as the mean and
/// missing or unseen categories as no level, so both contribute 0.
/// </summary>
public sealed class LinearModel : TabularModel
{
    public required double Intercept { get; init; }

    /// <summary>Per input: the training mean (numeric inputs; 0 for categories).</summary>
    public required double[] Means { get; init; }

    /// <summary>Per input: the training standard deviation (numeric inputs; 1 for categories).</summary>
    public required double[] Scales { get; init; }

    /// <summary>Per input: one weight for a number, one per level for a category.</summary>
    public required double[][] Weights { get; init; }

    public override void PredictRaw(FeatureTable features, Span<double> raw)
    {
        ArgumentNullException.ThrowIfNull(features);
        raw[..features.RowCount].Fill(Intercept);
        for (var f = 0; f < Weights.Length; f++)
        {
            var column = features.Columns[f];
            for (var row = 0; row < features.RowCount; row++)
            {
                raw[row] += Term(f, column[row]);
            }
        }
    }

    public override Explanation Explain(FeatureTable features, int row)
    {
        ArgumentNullException.ThrowIfNull(features);
        var contributions = new Dictionary<string, double>(Weights.Length, StringComparer.Ordinal);
        var raw = Intercept;
        for (var f = 0; f < Weights.Length; f++)
        {
            var term = Term(f, features.Columns[f][row]);
            contributions[Signature.Inputs[f].Name] = term;
            raw += term;
        }

        return new Explanation(Intercept, raw, contributions);
    }

    private double Term(int input, double value)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        var weights = Weights[input];
        if (Signature.Inputs[input].Kind == Data.ColumnKind.Numeric)
        {
            return weights[0] * (value - Means[input]) / Scales[input];
        }

        var level = (int)value;
        return level < weights.Length ? weights[level] : 0;
    }
}
