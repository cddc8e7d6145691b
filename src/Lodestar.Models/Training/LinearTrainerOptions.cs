namespace Lodestar.Models.Training;

/// <summary>Settings of logistic and ridge regression; defaults match scikit-learn (C = 1, alpha = 1) on standardised inputs.</summary>
public sealed record LinearTrainerOptions
{
    /// <summary>L2 penalty on the weights (not the intercept): 1/C for logistic, alpha for ridge.</summary>
    public double L2 { get; init; } = 1.0;

    public int MaxIterations { get; init; } = 100;

    /// <summary>Stop when the largest Newton step is below this.</summary>
    public double Tolerance { get; init; } = 1e-10;
}
