namespace Lodestar.Models.Serving;

/// <summary>One served version of an endpoint as this process sees it: its role, SLO-window stats and batching counters.</summary>
public sealed record VersionStatus(string Role, ServedVersion Version, WindowStats Window, long Batches, long BatchedRows);
