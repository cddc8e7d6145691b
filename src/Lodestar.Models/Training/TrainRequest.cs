using Lodestar.Models.Validation;

namespace Lodestar.Models.Training;

/// <summary>
/// What to train: a CSV, its target column, the model name to register under, optionally a validation CSV and an
/// expectation suite the training data must pass (a failure blocks training before a run exists).
/// </summary>
public sealed record TrainRequest(string DataPath, string Target, string ModelName, Algorithm Algorithm = Algorithm.Gbdt, string? ValidPath = null, ExpectationSuite? Expectations = null);
