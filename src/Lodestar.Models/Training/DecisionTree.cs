namespace Lodestar.Models.Training;

/// <summary>
/// One regression tree in flat arrays (node 0 is the root). Internal nodes test a feature: numbers go left when
/// x &lt;= threshold, categories when their level is in the node's left set; missing values follow MissingLeft.
/// Cover is the number of training rows that reached the node (TreeSHAP weights paths by it).
/// </summary>
public sealed class DecisionTree
{
    /// <summary>Split feature per node, -1 for a leaf.</summary>
    public required int[] Feature { get; init; }

    public required double[] Threshold { get; init; }

    /// <summary>Four 64-bit words per node: the category levels (bit 255 = missing) sent left; zero for numeric nodes.</summary>
    public required ulong[] LeftCategories { get; init; }

    public required bool[] IsCategorical { get; init; }

    public required bool[] MissingLeft { get; init; }

    public required int[] Left { get; init; }

    public required int[] Right { get; init; }

    /// <summary>Leaf outputs, already scaled by the learning rate.</summary>
    public required double[] Value { get; init; }

    public required double[] Cover { get; init; }

    public int Leaf(double[][] columns, int row)
    {
        var node = 0;
        while (Feature[node] >= 0)
        {
            node = GoesLeft(node, columns[Feature[node]][row]) ? Left[node] : Right[node];
        }

        return node;
    }

    public bool GoesLeft(int node, double x)
    {
        if (IsCategorical[node])
        {
            var bin = FeatureBinner.CategoryBin(x);
            return (LeftCategories[(node * 4) + (bin >> 6)] & (1UL << (bin & 63))) != 0;
        }

        return double.IsNaN(x) ? MissingLeft[node] : x <= Threshold[node];
    }

    /// <summary>Mean leaf value weighted by training rows: the tree's contribution for an average row.</summary>
    public double ExpectedValue()
    {
        double sum = 0;
        for (var node = 0; node < Feature.Length; node++)
        {
            if (Feature[node] < 0)
            {
                sum += Value[node] * Cover[node];
            }
        }

        return sum / Cover[0];
    }
}
