namespace Lodestar.Core;

/// <summary>
/// Something an operator should know about: a rule fired, a budget ran low, a served model drifted.
/// <see cref="Source"/> names who raised it (<c>rule:ask-p99</c>, <c>budget</c>, <c>models.serving</c>);
/// <see cref="Key"/> de-duplicates repeats of the same condition. Details carry small values, never document text or PII.
/// </summary>
public sealed record AlertEvent(
    string TenantId,
    string Source,
    string Key,
    AlertSeverity Severity,
    string Message,
    IReadOnlyDictionary<string, string>? Details = null)
{
    /// <summary>When the condition was observed; the sink stamps the current time when left default.</summary>
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}
