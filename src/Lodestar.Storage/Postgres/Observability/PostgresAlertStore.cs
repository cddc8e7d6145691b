using System.Text.Json;
using Lodestar.Core;
using Lodestar.Observability.Alerts;
using Lodestar.Storage.Sqlite.Observability;
using static Lodestar.Storage.Postgres.PostgresValues;
using static Lodestar.Storage.Sqlite.Observability.ObservabilityValues;

namespace Lodestar.Storage.Postgres.Observability;

/// <summary>
/// Alert events, rules and webhooks shared by every node. Every node evaluates rules and delivers webhooks, so firing is a
/// conditional update (one node moves a rule to firing and raises the event) and delivery claims events with
/// <c>FOR UPDATE SKIP LOCKED</c> and a lease.
/// </summary>
internal sealed class PostgresAlertStore(PostgresDatabase database) : IAlertStore
{
    private static readonly PostgresModule Module = PostgresObservabilitySchema.Module;

    public Task<long> AppendAsync(AlertEvent alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return database.WriteAsync(Module, async (connection, transaction, token) =>
        {
            var ids = await QueryAsync(connection, transaction,
                "INSERT INTO obs_alerts (tenant, source, key, severity, message, details, occurred_at) VALUES (@tenant, @source, @key, @severity, @message, @details, @at) RETURNING id",
                r => r.GetInt64(0), token, ("tenant", alert.TenantId), ("source", alert.Source), ("key", alert.Key), ("severity", Name(alert.Severity)),
                ("message", alert.Message), ("details", JsonSerializer.Serialize(alert.Details ?? new Dictionary<string, string>())), ("at", Millis(alert.OccurredAt))).ConfigureAwait(false);
            return ids[0];
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<AlertRecord>> ListAsync(string tenantId, DateTimeOffset since, int limit, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            $"SELECT {ObservabilityRows.AlertColumns} FROM obs_alerts WHERE tenant = @tenant AND occurred_at >= @since ORDER BY occurred_at DESC, id DESC LIMIT @limit",
            ObservabilityRows.Alert, token, ("tenant", tenantId), ("since", Millis(since)), ("limit", Math.Clamp(limit, 1, 1000))), cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<AlertRecord>> ClaimUndeliveredAsync(int maxAttempts, int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var claimed = await database.WriteAsync(Module, (connection, transaction, token) => QueryAsync(connection, transaction,
            $"UPDATE obs_alerts SET claimed_until = @until WHERE id IN (SELECT id FROM obs_alerts WHERE delivered_at IS NULL AND attempts < @max " +
            $"AND (claimed_until IS NULL OR claimed_until <= @now) ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED) RETURNING {ObservabilityRows.AlertColumns}",
            ObservabilityRows.Alert, token, ("until", Millis(now + lease)), ("max", maxAttempts), ("now", Millis(now)), ("limit", limit)), cancellationToken).ConfigureAwait(false);
        // RETURNING follows no ORDER BY.
        claimed.Sort((a, b) => a.Id.CompareTo(b.Id));
        return claimed;
    }

    public Task MarkDeliveryAsync(long alertId, bool delivered, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "UPDATE obs_alerts SET attempts = attempts + 1, claimed_until = NULL, delivered_at = @delivered WHERE id = @id",
            token, ("delivered", delivered ? Millis(at) : null), ("id", alertId)), cancellationToken);

    public Task SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            $"INSERT INTO obs_alert_rules ({ObservabilityRows.RuleColumns}) VALUES (@id, @tenant, @name, @metric, @comparison, @threshold, @window, @severity, @enabled, @firing) " +
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, metric = excluded.metric, comparison = excluded.comparison, threshold = excluded.threshold, " +
            "window_seconds = excluded.window_seconds, severity = excluded.severity, enabled = excluded.enabled, firing_since = excluded.firing_since " +
            "WHERE obs_alert_rules.tenant = excluded.tenant",
            token, ("id", rule.Id), ("tenant", rule.TenantId), ("name", rule.Name), ("metric", Name(rule.Metric)), ("comparison", Name(rule.Comparison)),
            ("threshold", rule.Threshold), ("window", (long)rule.Window.TotalSeconds), ("severity", Name(rule.Severity)), ("enabled", rule.Enabled),
            ("firing", rule.FiringSince is { } since ? Millis(since) : null)), cancellationToken);
    }

    public async Task<IReadOnlyList<AlertRule>> ListRulesAsync(string? tenantId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            $"SELECT {ObservabilityRows.RuleColumns} FROM obs_alert_rules WHERE @tenant::text IS NULL OR tenant = @tenant ORDER BY tenant, name, id",
            ObservabilityRows.Rule, token, ("tenant", tenantId)), cancellationToken).ConfigureAwait(false);

    public async Task<bool> DeleteRuleAsync(string tenantId, string ruleId, CancellationToken cancellationToken = default) =>
        await database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "DELETE FROM obs_alert_rules WHERE tenant = @tenant AND id = @id", token, ("tenant", tenantId), ("id", ruleId)), cancellationToken).ConfigureAwait(false) == 1;

    public async Task<bool> SetFiringAsync(string tenantId, string ruleId, DateTimeOffset? firingSince, CancellationToken cancellationToken = default) =>
        await database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "UPDATE obs_alert_rules SET firing_since = @firing WHERE tenant = @tenant AND id = @id AND (firing_since IS NULL) = @toFiring", token,
            ("firing", firingSince is { } since ? Millis(since) : null), ("tenant", tenantId), ("id", ruleId), ("toFiring", firingSince.HasValue)), cancellationToken).ConfigureAwait(false) == 1;

    public async Task<Webhook> AddWebhookAsync(string tenantId, Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var webhook = new Webhook(Guid.NewGuid().ToString("N")[..12], tenantId, url, DateTimeOffset.UtcNow);
        await database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "INSERT INTO obs_webhooks (id, tenant, url, created_at) VALUES (@id, @tenant, @url, @at)", token,
            ("id", webhook.Id), ("tenant", tenantId), ("url", url.AbsoluteUri), ("at", Millis(webhook.CreatedAt))), cancellationToken).ConfigureAwait(false);
        return webhook;
    }

    public async Task<IReadOnlyList<Webhook>> ListWebhooksAsync(string tenantId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            "SELECT id, url, created_at FROM obs_webhooks WHERE tenant = @tenant ORDER BY created_at, id",
            r => new Webhook(r.GetString(0), tenantId, new Uri(r.GetString(1)), Time(r.GetInt64(2))), token, ("tenant", tenantId)), cancellationToken).ConfigureAwait(false);

    public async Task<bool> DeleteWebhookAsync(string tenantId, string webhookId, CancellationToken cancellationToken = default) =>
        await database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "DELETE FROM obs_webhooks WHERE tenant = @tenant AND id = @id", token, ("tenant", tenantId), ("id", webhookId)), cancellationToken).ConfigureAwait(false) == 1;
}
