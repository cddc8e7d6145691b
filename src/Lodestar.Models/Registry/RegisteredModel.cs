namespace Lodestar.Models.Registry;

/// <summary>A model name under which versions are registered.</summary>
public sealed record RegisteredModel(string Name, DateTimeOffset CreatedAt);
