using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Settings;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Knowledge;

/// <summary>Per-knowledge-base settings in PostgreSQL, shared by every node (module <c>knowledge-settings</c>).</summary>
internal sealed class PostgresKnowledgeBaseSettingsStore(PostgresDatabase database) : IKnowledgeBaseSettingsStore
{
    private static readonly PostgresModule Module = new("knowledge-settings",
    [
        """
        CREATE TABLE kb_settings (
            tenant TEXT NOT NULL,
            kb TEXT NOT NULL,
            settings TEXT NOT NULL,
            version BIGINT NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (tenant, kb));
        """,
    ]);

    public Task<StoredKnowledgeBaseSettings?> GetAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default) =>
        database.ReadAsync(Module, async (connection, token) =>
        {
            var rows = await QueryAsync(connection, null, "SELECT settings, version, updated_by, updated_at FROM kb_settings WHERE tenant = @tenant AND kb = @kb",
                r => new StoredKnowledgeBaseSettings(KnowledgeBaseSettings.FromJson(r.GetString(0)), r.GetInt64(1), r.GetString(2), ReadTime(r, 3)), token,
                ("tenant", knowledgeBase.TenantId), ("kb", knowledgeBase.Name)).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }, cancellationToken);

    public Task<StoredKnowledgeBaseSettings> SetAsync(KnowledgeBaseId knowledgeBase, KnowledgeBaseSettings settings, string updatedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var at = DateTimeOffset.UtcNow;
        return database.WriteAsync(Module, async (connection, transaction, token) =>
        {
            var versions = await QueryAsync(connection, transaction,
                """
                INSERT INTO kb_settings (tenant, kb, settings, version, updated_by, updated_at) VALUES (@tenant, @kb, @settings, 1, @by, @at)
                ON CONFLICT (tenant, kb) DO UPDATE SET settings = excluded.settings, version = kb_settings.version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                RETURNING version
                """,
                r => r.GetInt64(0), token, ("tenant", knowledgeBase.TenantId), ("kb", knowledgeBase.Name), ("settings", settings.ToJson()), ("by", updatedBy), ("at", Time(at))).ConfigureAwait(false);
            return new StoredKnowledgeBaseSettings(settings, versions[0], updatedBy, at);
        }, cancellationToken);
    }
}
