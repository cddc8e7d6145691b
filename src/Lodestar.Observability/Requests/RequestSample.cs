namespace Lodestar.Observability.Requests;

/// <summary>One served HTTP request: when, whose tenant (null before authentication), which route template, status and duration.</summary>
public sealed record RequestSample(DateTimeOffset At, string? TenantId, string Method, string Route, int Status, double DurationMs);
