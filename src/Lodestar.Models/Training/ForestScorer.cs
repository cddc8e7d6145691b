namespace Lodestar.Models.Training;

/// <summary>
/// Scores rows with the trees of a <see cref="GradientBoostedTreesModel"/>: <see cref="QuickScorer"/> when every tree
/// has at most 64 leaves (the trainer's default is 31), else the node walk of <see cref="FlatForest"/>. Both sum leaf
/// values in tree order, so scores equal the tree-by-tree walk (<see cref="DecisionTree.Leaf"/>) bit for bit.
/// </summary>
internal abstract class ForestScorer
{
    public static ForestScorer For(IReadOnlyList<DecisionTree> trees) => (ForestScorer?)QuickScorer.TryFrom(trees) ?? FlatForest.From(trees);

    /// <summary>Adds every tree's leaf value to <paramref name="output"/> (one entry per row, already holding the base score).</summary>
    public abstract void AddTo(double[][] columns, Span<double> output);
}
