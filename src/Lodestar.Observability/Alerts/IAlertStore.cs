using Lodestar.Core;

namespace Lodestar.Observability.Alerts;

/// <summary>Alert events (with webhook delivery state), alert rules and webhooks, per tenant.</summary>
public interface IAlertStore : IAlertReader
{
    Task<long> AppendAsync(AlertEvent alert, CancellationToken cancellationToken = default);

    /// <summary>
    /// Events not yet delivered to webhooks, tried fewer than <paramref name="maxAttempts"/> times and not claimed by another
    /// caller, oldest first; each is claimed until <paramref name="now"/> + <paramref name="lease"/>, so of several nodes
    /// delivering at once only one posts an event (another takes it over only after the lease lapses).
    /// </summary>
    Task<IReadOnlyList<AlertRecord>> ClaimUndeliveredAsync(int maxAttempts, int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Marks an event delivered, or counts one more failed delivery attempt; either way releases its claim.</summary>
    Task MarkDeliveryAsync(long alertId, bool delivered, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken = default);

    /// <summary>Rules of a tenant, or of every tenant when <paramref name="tenantId"/> is null (the evaluator).</summary>
    Task<IReadOnlyList<AlertRule>> ListRulesAsync(string? tenantId, CancellationToken cancellationToken = default);

    Task<bool> DeleteRuleAsync(string tenantId, string ruleId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a rule to firing (<paramref name="firingSince"/> set) or resolved (null) only if it is not in that state yet;
    /// false when it already was (another node's evaluator got there first), so exactly one caller raises the event.
    /// </summary>
    Task<bool> SetFiringAsync(string tenantId, string ruleId, DateTimeOffset? firingSince, CancellationToken cancellationToken = default);

    Task<Webhook> AddWebhookAsync(string tenantId, Uri url, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Webhook>> ListWebhooksAsync(string tenantId, CancellationToken cancellationToken = default);

    Task<bool> DeleteWebhookAsync(string tenantId, string webhookId, CancellationToken cancellationToken = default);
}
