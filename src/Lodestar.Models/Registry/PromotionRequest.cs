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
    string? Reason = null)
{
    /// <summary>This request approved or rejected; a request decided already is a Conflict (stores call it under their write lock).</summary>
    public PromotionRequest Decide(PromotionStatus status, string decidedBy, string? reason, DateTimeOffset decidedAt)
    {
        if (status == PromotionStatus.Pending)
        {
            throw Core.LodestarException.Invalid("a decision must approve or reject");
        }

        return Status == PromotionStatus.Pending
            ? this with { Status = status, DecidedBy = decidedBy, DecidedAt = decidedAt, Reason = reason }
            : throw Core.LodestarException.Conflict($"promotion request '{Id}' was already {Status.ToString().ToLowerInvariant()} by {DecidedBy}");
    }
}
