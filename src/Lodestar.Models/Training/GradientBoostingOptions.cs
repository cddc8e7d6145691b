namespace Lodestar.Models.Training;

/// <summary>Settings of the histogram gradient-boosted trees; defaults follow scikit-learn's HistGradientBoosting.</summary>
public sealed record GradientBoostingOptions
{
    public int MaxIterations { get; init; } = 100;

    public double LearningRate { get; init; } = 0.1;

    /// <summary>Leaf-wise growth stops at this many leaves.</summary>
    public int MaxLeafNodes { get; init; } = 31;

    /// <summary>0 = unlimited depth.</summary>
    public int MaxDepth { get; init; }

    public int MinSamplesLeaf { get; init; } = 20;

    public double L2Regularization { get; init; }

    /// <summary>Bins for non-missing values, at most 255 (one more bin holds missing values).</summary>
    public int MaxBins { get; init; } = 255;

    /// <summary>Null = automatic: on when there are more than 10 000 rows.</summary>
    public bool? EarlyStopping { get; init; }

    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Stop after this many iterations without the validation loss improving by <see cref="Tolerance"/>.</summary>
    public int Patience { get; init; } = 10;

    public double Tolerance { get; init; } = 1e-7;

    public int Seed { get; init; } = 42;
}
