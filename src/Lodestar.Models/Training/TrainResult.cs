namespace Lodestar.Models.Training;

/// <summary>The tracked run and the registered version a training produced.</summary>
public sealed record TrainResult(string Run, string Model, int Version, IReadOnlyDictionary<string, double> Metrics);
