namespace Lodestar.Models.Training;

/// <summary>What to train: a CSV, its target column, the model name to register under, and optionally a validation CSV.</summary>
public sealed record TrainRequest(string DataPath, string Target, string ModelName, Algorithm Algorithm = Algorithm.Gbdt, string? ValidPath = null);
