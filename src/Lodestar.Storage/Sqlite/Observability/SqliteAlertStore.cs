using System.Text.Json;
using Lodestar.Core;
using Lodestar.Observability.Alerts;
using Lodestar.Storage.Sqlite.Models;
using static Lodestar.Storage.Sqlite.Observability.ObservabilityValues;

namespace Lodestar.Storage.Sqlite.Observability;

/// <summary>Alert events with their webhook delivery state, alert rules and webhooks, in SQLite.</summary>
internal sealed class SqliteAlertStore(SqliteDatabase database) : SqliteStoreBase(database, ObservabilitySchema.Module, ObservabilitySchema.Migrations), IAlertStore
{
    public async Task<long> AppendAsync(AlertEvent alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var ids = await QueryAsync(connection, null,
            "INSERT INTO obs_alerts (tenant, source, key, severity, message, details, occurred_at) VALUES ($tenant, $source, $key, $severity, $message, $details, $at) RETURNING id",
            r => r.GetInt64(0), cancellationToken, ("$tenant", alert.TenantId), ("$source", alert.Source), ("$key", alert.Key), ("$severity", Name(alert.Severity)),
            ("$message", alert.Message), ("$details", JsonSerializer.Serialize(alert.Details ?? new Dictionary<string, string>())), ("$at", Millis(alert.OccurredAt))).ConfigureAwait(false);
        return ids[0];
    }

    public async Task<IReadOnlyList<AlertRecord>> ListAsync(string tenantId, DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, $"SELECT {ObservabilityRows.AlertColumns} FROM obs_alerts WHERE tenant = $tenant AND occurred_at >= $since ORDER BY occurred_at DESC, id DESC LIMIT $limit",
            ObservabilityRows.Alert, cancellationToken, ("$tenant", tenantId), ("$since", Millis(since)), ("$limit", Math.Clamp(limit, 1, 1000))).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AlertRecord>> ClaimUndeliveredAsync(int maxAttempts, int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = BeginWrite(connection);
        var claimed = await QueryAsync(connection, transaction,
            $"UPDATE obs_alerts SET claimed_until = $until WHERE id IN (SELECT id FROM obs_alerts WHERE delivered_at IS NULL AND attempts < $max " +
            $"AND (claimed_until IS NULL OR claimed_until <= $now) ORDER BY id LIMIT $limit) RETURNING {ObservabilityRows.AlertColumns}",
            ObservabilityRows.Alert, cancellationToken, ("$until", Millis(now + lease)), ("$max", maxAttempts), ("$now", Millis(now)), ("$limit", limit)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        // RETURNING follows no ORDER BY.
        claimed.Sort((a, b) => a.Id.CompareTo(b.Id));
        return claimed;
    }

    public async Task MarkDeliveryAsync(long alertId, bool delivered, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            "UPDATE obs_alerts SET attempts = attempts + 1, claimed_until = NULL, delivered_at = CASE WHEN $delivered = 1 THEN $at ELSE NULL END WHERE id = $id",
            cancellationToken, ("$delivered", delivered ? 1 : 0), ("$at", Millis(at)), ("$id", alertId)).ConfigureAwait(false);
    }

    public async Task SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            $"INSERT INTO obs_alert_rules ({ObservabilityRows.RuleColumns}) VALUES ($id, $tenant, $name, $metric, $comparison, $threshold, $window, $severity, $enabled, $firing) " +
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, metric = excluded.metric, comparison = excluded.comparison, threshold = excluded.threshold, " +
            "window_seconds = excluded.window_seconds, severity = excluded.severity, enabled = excluded.enabled, firing_since = excluded.firing_since WHERE tenant = excluded.tenant",
            cancellationToken, ("$id", rule.Id), ("$tenant", rule.TenantId), ("$name", rule.Name), ("$metric", Name(rule.Metric)), ("$comparison", Name(rule.Comparison)),
            ("$threshold", rule.Threshold), ("$window", (long)rule.Window.TotalSeconds), ("$severity", Name(rule.Severity)), ("$enabled", rule.Enabled ? 1 : 0),
            ("$firing", rule.FiringSince is { } since ? Millis(since) : null)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AlertRule>> ListRulesAsync(string? tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, $"SELECT {ObservabilityRows.RuleColumns} FROM obs_alert_rules WHERE $tenant IS NULL OR tenant = $tenant ORDER BY tenant, name, id",
            ObservabilityRows.Rule, cancellationToken, ("$tenant", tenantId)).ConfigureAwait(false);
    }

    public async Task<bool> DeleteRuleAsync(string tenantId, string ruleId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, "DELETE FROM obs_alert_rules WHERE tenant = $tenant AND id = $id", cancellationToken, ("$tenant", tenantId), ("$id", ruleId)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetFiringAsync(string tenantId, string ruleId, DateTimeOffset? firingSince, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null,
            "UPDATE obs_alert_rules SET firing_since = $firing WHERE tenant = $tenant AND id = $id AND (firing_since IS NULL) = ($firing IS NOT NULL)", cancellationToken,
            ("$firing", firingSince is { } since ? Millis(since) : null), ("$tenant", tenantId), ("$id", ruleId)).ConfigureAwait(false) == 1;
    }

    public async Task<Webhook> AddWebhookAsync(string tenantId, Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var webhook = new Webhook(Guid.NewGuid().ToString("N")[..12], tenantId, url, DateTimeOffset.UtcNow);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "INSERT INTO obs_webhooks (id, tenant, url, created_at) VALUES ($id, $tenant, $url, $at)", cancellationToken,
            ("$id", webhook.Id), ("$tenant", tenantId), ("$url", url.AbsoluteUri), ("$at", Millis(webhook.CreatedAt))).ConfigureAwait(false);
        return webhook;
    }

    public async Task<IReadOnlyList<Webhook>> ListWebhooksAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, "SELECT id, url, created_at FROM obs_webhooks WHERE tenant = $tenant ORDER BY created_at, id",
            r => new Webhook(r.GetString(0), tenantId, new Uri(r.GetString(1)), Time(r.GetInt64(2))), cancellationToken, ("$tenant", tenantId)).ConfigureAwait(false);
    }

    public async Task<bool> DeleteWebhookAsync(string tenantId, string webhookId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, "DELETE FROM obs_webhooks WHERE tenant = $tenant AND id = $id", cancellationToken, ("$tenant", tenantId), ("$id", webhookId)).ConfigureAwait(false) == 1;
    }
}
