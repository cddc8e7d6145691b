namespace Lodestar.Models.Training;

/// <summary>What a model predicts.</summary>
public enum ModelTask
{
    /// <summary>Probability of the second of two sorted labels (the positive class).</summary>
    BinaryClassification,

    Regression,
}
