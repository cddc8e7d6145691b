namespace Lodestar.Storage.Postgres.Observability;

/// <summary>
/// The observability module on PostgreSQL: the tables of the SQLite module with the same encodings (times in Unix
/// milliseconds, money in integer billionths), shared by every node. Usage rows are summed by upserts, so concurrent
/// nodes add to one row instead of overwriting it; alert events carry a delivery lease so one node posts each.
/// </summary>
internal static class PostgresObservabilitySchema
{
    public static readonly PostgresModule Module = new("observability",
    [
        """
        CREATE TABLE obs_requests (at BIGINT NOT NULL, tenant TEXT, method TEXT NOT NULL, route TEXT NOT NULL, status INTEGER NOT NULL, duration_ms DOUBLE PRECISION NOT NULL);
        CREATE INDEX obs_requests_at ON obs_requests (at);
        CREATE INDEX obs_requests_tenant_at ON obs_requests (tenant, at);
        CREATE TABLE obs_answers (
            id TEXT PRIMARY KEY, tenant TEXT NOT NULL, user_id TEXT NOT NULL, key_id TEXT, kb TEXT NOT NULL, at BIGINT NOT NULL,
            privacy TEXT NOT NULL, question TEXT, generator TEXT NOT NULL, model TEXT, mode TEXT NOT NULL, index_version BIGINT NOT NULL,
            passages TEXT NOT NULL, citations TEXT NOT NULL, retrieve_ms DOUBLE PRECISION NOT NULL, generate_ms DOUBLE PRECISION NOT NULL,
            total_ms DOUBLE PRECISION NOT NULL, input_tokens BIGINT NOT NULL, output_tokens BIGINT NOT NULL, cost_nanos BIGINT NOT NULL,
            groundedness DOUBLE PRECISION NOT NULL, answered BOOLEAN NOT NULL, rating SMALLINT, rating_comment TEXT, rated_at BIGINT);
        CREATE INDEX obs_answers_tenant_at ON obs_answers (tenant, at);
        CREATE INDEX obs_answers_at ON obs_answers (at);
        CREATE TABLE obs_tenant_settings (tenant TEXT PRIMARY KEY, question_privacy TEXT NOT NULL);
        CREATE TABLE obs_usage (
            day TEXT NOT NULL, tenant TEXT NOT NULL, user_id TEXT NOT NULL, key_id TEXT NOT NULL, kb TEXT NOT NULL, model TEXT NOT NULL,
            calls BIGINT NOT NULL, input_tokens BIGINT NOT NULL, output_tokens BIGINT NOT NULL, embeddings BIGINT NOT NULL, cost_nanos BIGINT NOT NULL,
            PRIMARY KEY (tenant, day, user_id, key_id, kb, model));
        CREATE TABLE obs_budgets (tenant TEXT NOT NULL, scope TEXT NOT NULL, subject TEXT NOT NULL, soft_nanos BIGINT NOT NULL, hard_nanos BIGINT NOT NULL, PRIMARY KEY (tenant, scope, subject));
        CREATE TABLE obs_alerts (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant TEXT NOT NULL, source TEXT NOT NULL, key TEXT NOT NULL, severity TEXT NOT NULL,
            message TEXT NOT NULL, details TEXT NOT NULL, occurred_at BIGINT NOT NULL, delivered_at BIGINT, attempts INTEGER NOT NULL DEFAULT 0, claimed_until BIGINT);
        CREATE INDEX obs_alerts_tenant ON obs_alerts (tenant, occurred_at);
        CREATE INDEX obs_alerts_pending ON obs_alerts (id) WHERE delivered_at IS NULL;
        CREATE TABLE obs_alert_rules (
            id TEXT PRIMARY KEY, tenant TEXT NOT NULL, name TEXT NOT NULL, metric TEXT NOT NULL, comparison TEXT NOT NULL, threshold DOUBLE PRECISION NOT NULL,
            window_seconds BIGINT NOT NULL, severity TEXT NOT NULL, enabled BOOLEAN NOT NULL, firing_since BIGINT);
        CREATE TABLE obs_webhooks (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, url TEXT NOT NULL, created_at BIGINT NOT NULL);
        """,
    ]);
}
