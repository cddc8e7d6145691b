namespace Lodestar.Observability.Alerts;

/// <summary>What an alert rule watches, over its window, within its tenant.</summary>
public enum AlertMetric
{
    /// <summary>99th percentile of answer latency, in milliseconds.</summary>
    AskLatencyP99Ms,

    /// <summary>95th percentile of answer latency, in milliseconds.</summary>
    AskLatencyP95Ms,

    /// <summary>Mean groundedness of answers, in [0,1].</summary>
    GroundednessMean,

    /// <summary>Share of answers that found nothing relevant, in [0,1].</summary>
    EmptyAnswerRate,

    /// <summary>Share of HTTP requests that failed with a 5xx status, in [0,1].</summary>
    ErrorRate,

    /// <summary>Share of the tenant's monthly hard budget spent (the window is ignored), in [0,∞).</summary>
    BudgetUsed,
}
