namespace Lodestar.Models.Registry;

/// <summary>
/// A request to point <see cref="Alias"/> at <see cref="Version"/>. <see cref="ExpectedRowVersion"/> is the alias's
/// row version when the request was made, so approving it after someone else moved the alias fails with Conflict.
/// </summary>
public sealed record PromotionRequest(
    string Id,
    string Model,
    string Alias,
    int Version,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    PromotionStatus Status,
    long ExpectedRowVersion,
    string? Comment,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? Reason = null);
