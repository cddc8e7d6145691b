namespace Lodestar.Models.Registry;

/// <summary>A movable pointer (e.g. champion) to one version; RowVersion increases on every move, for optimistic concurrency.</summary>
public sealed record ModelAlias(string Name, string Alias, int Version, long RowVersion);
