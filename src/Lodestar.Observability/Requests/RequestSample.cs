namespace Lodestar.Observability.Requests;

/// <summary>
/// One served HTTP request: when, whose tenant (null before authentication), which route template, status and duration.
/// <paramref name="Weight"/> is how many requests of the same kind and second this sample stands for (see <see cref="RequestRecorder"/>).
/// </summary>
public sealed record RequestSample(DateTimeOffset At, string? TenantId, string Method, string Route, int Status, double DurationMs, double Weight = 1);
