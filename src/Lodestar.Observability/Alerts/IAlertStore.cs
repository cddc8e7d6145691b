using Lodestar.Core;

namespace Lodestar.Observability.Alerts;

/// <summary>Alert events (with webhook delivery state), alert rules and webhooks, per tenant.</summary>
public interface IAlertStore : IAlertReader
{
    Task<long> AppendAsync(AlertEvent alert, CancellationToken cancellationToken = default);

    /// <summary>Events not yet delivered to webhooks and tried fewer than <paramref name="maxAttempts"/> times, oldest first.</summary>
    Task<IReadOnlyList<AlertRecord>> ListUndeliveredAsync(int maxAttempts, int limit, CancellationToken cancellationToken = default);

    /// <summary>Marks an event delivered, or counts one more failed delivery attempt.</summary>
    Task MarkDeliveryAsync(long alertId, bool delivered, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken = default);

    /// <summary>Rules of a tenant, or of every tenant when <paramref name="tenantId"/> is null (the evaluator).</summary>
    Task<IReadOnlyList<AlertRule>> ListRulesAsync(string? tenantId, CancellationToken cancellationToken = default);

    Task<bool> DeleteRuleAsync(string tenantId, string ruleId, CancellationToken cancellationToken = default);

    Task SetFiringAsync(string tenantId, string ruleId, DateTimeOffset? firingSince, CancellationToken cancellationToken = default);

    Task<Webhook> AddWebhookAsync(string tenantId, Uri url, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Webhook>> ListWebhooksAsync(string tenantId, CancellationToken cancellationToken = default);

    Task<bool> DeleteWebhookAsync(string tenantId, string webhookId, CancellationToken cancellationToken = default);
}
