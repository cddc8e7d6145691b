namespace Lodestar.Storage.Sqlite.Observability;

/// <summary>
/// The observability module's tables. Times are Unix milliseconds (cheap range scans); money is integer
/// billionths of the price table's currency, so sums are exact (a token can cost less than a millionth).
/// </summary>
internal static class ObservabilitySchema
{
    public const string Module = "observability";

    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE obs_requests (at INTEGER NOT NULL, tenant TEXT, method TEXT NOT NULL, route TEXT NOT NULL, status INTEGER NOT NULL, duration_ms REAL NOT NULL);
        CREATE INDEX obs_requests_at ON obs_requests(at);
        CREATE INDEX obs_requests_tenant_at ON obs_requests(tenant, at);
        CREATE TABLE obs_answers (
            id TEXT PRIMARY KEY, tenant TEXT NOT NULL, user_id TEXT NOT NULL, key_id TEXT, kb TEXT NOT NULL, at INTEGER NOT NULL,
            privacy TEXT NOT NULL, question TEXT, generator TEXT NOT NULL, model TEXT, mode TEXT NOT NULL, index_version INTEGER NOT NULL,
            passages TEXT NOT NULL, citations TEXT NOT NULL, retrieve_ms REAL NOT NULL, generate_ms REAL NOT NULL, total_ms REAL NOT NULL,
            input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cost_nanos INTEGER NOT NULL, groundedness REAL NOT NULL,
            answered INTEGER NOT NULL, rating INTEGER, rating_comment TEXT, rated_at INTEGER);
        CREATE INDEX obs_answers_tenant_at ON obs_answers(tenant, at);
        CREATE INDEX obs_answers_at ON obs_answers(at);
        CREATE TABLE obs_tenant_settings (tenant TEXT PRIMARY KEY, question_privacy TEXT NOT NULL);
        CREATE TABLE obs_usage (
            day TEXT NOT NULL, tenant TEXT NOT NULL, user_id TEXT NOT NULL, key_id TEXT NOT NULL, kb TEXT NOT NULL, model TEXT NOT NULL,
            calls INTEGER NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, embeddings INTEGER NOT NULL, cost_nanos INTEGER NOT NULL,
            PRIMARY KEY (tenant, day, user_id, key_id, kb, model));
        CREATE TABLE obs_budgets (tenant TEXT NOT NULL, scope TEXT NOT NULL, subject TEXT NOT NULL, soft_nanos INTEGER NOT NULL, hard_nanos INTEGER NOT NULL, PRIMARY KEY (tenant, scope, subject));
        CREATE TABLE obs_alerts (
            id INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT NULL, source TEXT NOT NULL, key TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL,
            details TEXT NOT NULL, occurred_at INTEGER NOT NULL, delivered_at INTEGER, attempts INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX obs_alerts_tenant ON obs_alerts(tenant, occurred_at);
        CREATE INDEX obs_alerts_pending ON obs_alerts(delivered_at, attempts);
        CREATE TABLE obs_alert_rules (
            id TEXT PRIMARY KEY, tenant TEXT NOT NULL, name TEXT NOT NULL, metric TEXT NOT NULL, comparison TEXT NOT NULL, threshold REAL NOT NULL,
            window_seconds INTEGER NOT NULL, severity TEXT NOT NULL, enabled INTEGER NOT NULL, firing_since INTEGER);
        CREATE TABLE obs_webhooks (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, url TEXT NOT NULL, created_at INTEGER NOT NULL);
        """,
        // Webhook delivery claims an event until this time, so two delivery loops never post one event twice.
        "ALTER TABLE obs_alerts ADD COLUMN claimed_until INTEGER;",
    ];
}
