namespace Lodestar.Models.Training;

/// <summary>
/// The contract of a trained model, stored with it: the input columns and their types, the target column,
/// the task and, for classifiers, the two labels in order [negative, positive].
/// </summary>
public sealed record ModelSignature(IReadOnlyList<InputColumn> Inputs, string Target, ModelTask Task, IReadOnlyList<string>? Classes = null);
