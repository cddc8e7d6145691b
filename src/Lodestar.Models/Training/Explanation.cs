namespace Lodestar.Models.Training;

/// <summary>Why a model scored a row: the average raw score plus one additive contribution per input column.</summary>
public sealed record Explanation(double ExpectedValue, double RawPrediction, IReadOnlyDictionary<string, double> Contributions);
