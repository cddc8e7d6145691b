using System.Globalization;
using Lodestar.Core;
using Lodestar.Observability.Answers;
using Lodestar.Observability.Costs;
using Lodestar.Observability.Operations;
using Lodestar.Observability.Requests;

namespace Lodestar.Observability.Alerts;

/// <summary>
/// Evaluates every enabled rule over its window: raises an alert when a rule starts to breach and an info event when it
/// recovers. A host calls <see cref="EvaluateAsync"/> periodically (the server every 30 s by default).
/// </summary>
public sealed class AlertEvaluator(IAlertStore store, IAlertSink sink, IRequestLog requests, IAnswerRecordStore answers, BudgetGuard budgets, TimeProvider time)
{
    /// <summary>Evaluates all rules once; returns how many changed state (fired or resolved).</summary>
    public async Task<int> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var changed = 0;
        foreach (var rule in await store.ListRulesAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (!rule.Enabled || await MeasureAsync(rule, now, cancellationToken).ConfigureAwait(false) is not { } value)
            {
                continue;
            }

            var breached = rule.IsBreachedBy(value);
            if (breached == rule.FiringSince.HasValue)
            {
                continue;
            }

            if (!await store.SetFiringAsync(rule.TenantId, rule.Id, breached ? now : null, cancellationToken).ConfigureAwait(false))
            {
                // Another node's evaluator changed the state first and raised the event.
                continue;
            }

            await sink.RaiseAsync(ToEvent(rule, value, breached, now), cancellationToken).ConfigureAwait(false);
            changed++;
        }

        return changed;
    }

    /// <summary>The rule's metric over its window, or null when the window holds no data to judge.</summary>
    public async Task<double?> MeasureAsync(AlertRule rule, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var from = now - rule.Window;
        switch (rule.Metric)
        {
            case AlertMetric.BudgetUsed:
                return await budgets.TenantBudgetUsedAsync(rule.TenantId, cancellationToken).ConfigureAwait(false);
            case AlertMetric.ErrorRate:
                var served = await requests.ReadAsync(from, now, rule.TenantId, cancellationToken).ConfigureAwait(false);
                return served.Count == 0 ? null : served.Count(r => r.Status >= 500) / (double)served.Count;
            default:
                var samples = await answers.ReadSamplesAsync(from, now, rule.TenantId, cancellationToken).ConfigureAwait(false);
                if (samples.Count == 0)
                {
                    return null;
                }

                return rule.Metric switch
                {
                    AlertMetric.GroundednessMean => samples.Average(s => s.Groundedness),
                    AlertMetric.EmptyAnswerRate => samples.Count(s => !s.Answered) / (double)samples.Count,
                    _ => LatencyPercentile(samples, rule.Metric == AlertMetric.AskLatencyP99Ms ? 0.99 : 0.95),
                };
        }
    }

    private static double LatencyPercentile(IReadOnlyList<AnswerSample> samples, double p)
    {
        var latencies = new double[samples.Count];
        for (var i = 0; i < latencies.Length; i++)
        {
            latencies[i] = samples[i].TotalMs;
        }

        Array.Sort(latencies);
        return Percentiles.At(latencies, p);
    }

    private static AlertEvent ToEvent(AlertRule rule, double value, bool breached, DateTimeOffset now)
    {
        var shown = value.ToString("0.###", CultureInfo.InvariantCulture);
        var threshold = rule.Threshold.ToString("0.###", CultureInfo.InvariantCulture);
        var condition = $"{rule.Metric} {rule.Comparison.ToString().ToLowerInvariant()} {threshold} over {rule.Window}";
        var message = breached ? $"{rule.Name}: {rule.Metric} is {shown} ({condition})" : $"{rule.Name} resolved: {rule.Metric} is {shown}";
        return new AlertEvent(rule.TenantId, "rule:" + rule.Name, "rule:" + rule.Id, breached ? rule.Severity : AlertSeverity.Info, message, new Dictionary<string, string>
        {
            ["ruleId"] = rule.Id,
            ["metric"] = rule.Metric.ToString(),
            ["value"] = shown,
            ["threshold"] = threshold,
            ["state"] = breached ? "firing" : "resolved",
        }) { OccurredAt = now };
    }
}
