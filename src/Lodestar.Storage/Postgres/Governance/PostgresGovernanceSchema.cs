namespace Lodestar.Storage.Postgres.Governance;

/// <summary>
/// The governance module: users, API keys (hashes only), the audit chain and ACL overrides (migration 2). Audit tables refuse UPDATE, DELETE and
/// TRUNCATE through triggers: they stop mistakes, not a database owner, which is why the chain and HMAC checkpoints exist.
/// </summary>
internal static class PostgresGovernanceSchema
{
    public static PostgresModule Module { get; } = new("governance",
    [
        """
        CREATE TABLE gov_users (
            user_id TEXT NOT NULL PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            groups_json TEXT NOT NULL,
            roles_json TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE INDEX gov_users_by_tenant ON gov_users (tenant_id, user_id);
        CREATE TABLE gov_api_keys (
            key_id TEXT NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES gov_users (user_id),
            tenant_id TEXT NOT NULL,
            roles_json TEXT NOT NULL,
            secret_hash BYTEA NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NULL,
            revoked_at TEXT NULL,
            seq BIGINT GENERATED ALWAYS AS IDENTITY);
        CREATE INDEX gov_api_keys_by_user ON gov_api_keys (user_id);
        CREATE TABLE audit_records (
            sequence BIGINT NOT NULL PRIMARY KEY,
            timestamp TEXT NOT NULL,
            tenant_id TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            details_json TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL);
        CREATE TABLE audit_checkpoints (
            sequence BIGINT NOT NULL PRIMARY KEY,
            hash TEXT NOT NULL,
            next_due BIGINT NOT NULL,
            created_at TEXT NOT NULL,
            mac TEXT NOT NULL);
        CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
        END $$;
        CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records FOR EACH ROW EXECUTE FUNCTION audit_append_only();
        CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
        CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_append_only();
        CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
        """,
        """
        CREATE TABLE gov_acl_overrides (
            tenant_id TEXT NOT NULL,
            kb TEXT NOT NULL,
            document_id TEXT NOT NULL,
            allow_json TEXT NOT NULL,
            deny_json TEXT NOT NULL,
            replaced_allow_json TEXT NOT NULL,
            replaced_deny_json TEXT NOT NULL,
            set_by TEXT NOT NULL,
            set_at TEXT NOT NULL,
            PRIMARY KEY (tenant_id, kb, document_id));
        """,
    ]);
}
