namespace Lodestar.Models.Registry;

/// <summary>A registered model with its versions and where its aliases point, for listings.</summary>
public sealed record RegisteredModelSummary(string Name, DateTimeOffset CreatedAt, IReadOnlyList<ModelVersion> Versions, IReadOnlyDictionary<string, int> Aliases);
