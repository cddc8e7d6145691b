using System.Diagnostics.Metrics;

namespace Lodestar.Observability;

/// <summary>The metrics Observability itself produces: cost, budget refusals, alerts and webhook deliveries.</summary>
public static class ObservabilityTelemetry
{
    public const string Name = "Lodestar.Observability";

    private static readonly Meter Meter = new(Name);

    internal static readonly Counter<double> Cost = Meter.CreateCounter<double>("lodestar.cost", null, "Cost of answers in the price table's currency, by tenant and model.");

    internal static readonly Counter<long> BudgetRefusals = Meter.CreateCounter<long>("lodestar.budget.refusals", "{request}", "Requests refused because a hard budget was reached.");

    internal static readonly Counter<long> Alerts = Meter.CreateCounter<long>("lodestar.alerts", "{alert}", "Alert events raised, by source and severity.");

    internal static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>("lodestar.webhook.deliveries", "{delivery}", "Webhook POSTs, by outcome (delivered or failed after retries).");

    internal static void RecordCost(string tenantId, string model, decimal cost) =>
        Cost.Add((double)cost, new KeyValuePair<string, object?>("tenant", tenantId), new KeyValuePair<string, object?>("model", model));

    internal static void RecordBudgetRefusal(string tenantId) =>
        BudgetRefusals.Add(1, new KeyValuePair<string, object?>("tenant", tenantId));
}
