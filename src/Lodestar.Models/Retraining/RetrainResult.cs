using Lodestar.Models.Training;

namespace Lodestar.Models.Retraining;

/// <summary>A retraining: which version's recipe was re-run, the new run and version, and the alias now pointing at it.</summary>
public sealed record RetrainResult(int BaseVersion, TrainResult Trained, string Alias);
