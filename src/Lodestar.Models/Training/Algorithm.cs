namespace Lodestar.Models.Training;

/// <summary>The learners Lodestar ships.</summary>
public enum Algorithm
{
    /// <summary>Histogram gradient-boosted trees; classification or regression by the target.</summary>
    Gbdt,

    /// <summary>L2-regularised logistic regression; binary targets only.</summary>
    Logistic,

    /// <summary>Ridge linear regression; numeric targets only.</summary>
    Linear,
}
