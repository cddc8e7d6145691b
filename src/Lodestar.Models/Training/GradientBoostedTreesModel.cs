namespace Lodestar.Models.Training;

/// <summary>An additive ensemble of regression trees on top of a baseline (log-odds of the prior, or the mean).</summary>
public sealed class GradientBoostedTreesModel : TabularModel
{
    public required double BaseScore { get; init; }

    private ForestScorer? _forest;

    public required IReadOnlyList<DecisionTree> Trees { get; init; }

    public override void PredictRaw(FeatureTable features, Span<double> raw)
    {
        ArgumentNullException.ThrowIfNull(features);
        var output = raw[..features.RowCount];
        output.Fill(BaseScore);

        // Built on first use (the trees never change once the model exists); a race only builds it twice.
        (_forest ??= ForestScorer.For(Trees)).AddTo(features.Columns, output);
    }

    public override Explanation Explain(FeatureTable features, int row)
    {
        ArgumentNullException.ThrowIfNull(features);
        var phi = new double[Signature.Inputs.Count];
        var expected = BaseScore;
        var raw = BaseScore;
        foreach (var tree in Trees)
        {
            TreeShap.Accumulate(tree, features.Columns, row, phi);
            expected += tree.ExpectedValue();
            raw += tree.Value[tree.Leaf(features.Columns, row)];
        }

        var contributions = new Dictionary<string, double>(phi.Length, StringComparer.Ordinal);
        for (var f = 0; f < phi.Length; f++)
        {
            contributions[Signature.Inputs[f].Name] = phi[f];
        }

        return new Explanation(expected, raw, contributions);
    }
}
