namespace Lodestar.Core.Jobs;

/// <summary>What a caller may see of a job (<c>GET /v1/jobs/{id}</c>).</summary>
/// <param name="Attempts">How many times a node leased it; at most <paramref name="MaxAttempts"/>.</param>
/// <param name="Progress">The handler's latest progress line, saved with each heartbeat.</param>
/// <param name="Owner">The node holding the lease while it runs (null otherwise).</param>
/// <param name="Result">The handler's result (JSON by convention) once it succeeded.</param>
public sealed record JobInfo(
    string Id,
    string Type,
    string TenantId,
    string CreatedBy,
    JobState State,
    int Attempts,
    int MaxAttempts,
    string? Owner,
    string? Progress,
    string? Result,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
