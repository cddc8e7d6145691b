namespace Lodestar.Models.Tracking;

/// <summary>A named group of runs (MLflow's experiment); by default one per registered model.</summary>
public sealed record Experiment(string Id, string Name, DateTimeOffset CreatedAt);
