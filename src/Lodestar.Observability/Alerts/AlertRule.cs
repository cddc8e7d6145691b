using Lodestar.Core;

namespace Lodestar.Observability.Alerts;

/// <summary>
/// "<see cref="Metric"/> <see cref="Comparison"/> <see cref="Threshold"/> over <see cref="Window"/>", e.g. p99 ask latency above
/// 2000 ms over 5 minutes. A rule fires once when the condition starts to hold (<see cref="FiringSince"/> is set) and
/// resolves when it stops; a window without data neither fires nor resolves.
/// </summary>
public sealed record AlertRule(
    string Id,
    string TenantId,
    string Name,
    AlertMetric Metric,
    AlertComparison Comparison,
    double Threshold,
    TimeSpan Window,
    AlertSeverity Severity,
    bool Enabled = true,
    DateTimeOffset? FiringSince = null)
{
    public static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    public static AlertRule Create(string tenantId, string? name, AlertMetric? metric, AlertComparison? comparison, double? threshold, TimeSpan? window, AlertSeverity? severity, bool enabled = true)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw LodestarException.Invalid("an alert rule needs a name of at most 100 characters");
        }

        if (metric is not { } m || !Enum.IsDefined(m))
        {
            throw LodestarException.Invalid($"metric must be one of: {string.Join(", ", Enum.GetNames<AlertMetric>())}");
        }

        if (threshold is not { } t || !double.IsFinite(t))
        {
            throw LodestarException.Invalid("threshold must be a finite number");
        }

        var span = window ?? TimeSpan.FromMinutes(5);
        if (span < MinWindow || span > MaxWindow)
        {
            throw LodestarException.Invalid("window must be between 1 minute and 31 days");
        }

        var defaultComparison = m is AlertMetric.GroundednessMean ? AlertComparison.Below : AlertComparison.Above;
        return new AlertRule(Guid.NewGuid().ToString("N")[..12], tenantId, name.Trim(), m, comparison ?? defaultComparison, t, span, severity ?? AlertSeverity.Warning, enabled);
    }

    public bool IsBreachedBy(double value) => Comparison == AlertComparison.Above ? value > Threshold : value < Threshold;
}
