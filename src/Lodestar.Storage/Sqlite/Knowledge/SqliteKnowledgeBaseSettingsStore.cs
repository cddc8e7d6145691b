using System.Globalization;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Settings;

namespace Lodestar.Storage.Sqlite.Knowledge;

/// <summary>Per-knowledge-base settings in SQLite (module <c>knowledge-settings</c>): one JSON document per knowledge base.</summary>
internal sealed class SqliteKnowledgeBaseSettingsStore(SqliteDatabase database) : IKnowledgeBaseSettingsStore
{
    private const string Module = "knowledge-settings";

    private static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE kb_settings (
            tenant TEXT NOT NULL,
            kb TEXT NOT NULL,
            settings TEXT NOT NULL,
            version INTEGER NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (tenant, kb)
        );
        """,
    ];

    public async Task<StoredKnowledgeBaseSettings?> GetAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(Module, Migrations, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT settings, version, updated_by, updated_at FROM kb_settings WHERE tenant = $tenant AND kb = $kb";
        command.Parameters.AddWithValue("$tenant", knowledgeBase.TenantId);
        command.Parameters.AddWithValue("$kb", knowledgeBase.Name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredKnowledgeBaseSettings(KnowledgeBaseSettings.FromJson(reader.GetString(0)), reader.GetInt64(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture))
            : null;
    }

    public async Task<StoredKnowledgeBaseSettings> SetAsync(KnowledgeBaseId knowledgeBase, KnowledgeBaseSettings settings, string updatedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var at = DateTimeOffset.UtcNow;
        await using var connection = await database.OpenAsync(Module, Migrations, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO kb_settings (tenant, kb, settings, version, updated_by, updated_at) VALUES ($tenant, $kb, $settings, 1, $by, $at)
            ON CONFLICT (tenant, kb) DO UPDATE SET settings = excluded.settings, version = kb_settings.version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            RETURNING version
            """;
        command.Parameters.AddWithValue("$tenant", knowledgeBase.TenantId);
        command.Parameters.AddWithValue("$kb", knowledgeBase.Name);
        command.Parameters.AddWithValue("$settings", settings.ToJson());
        command.Parameters.AddWithValue("$by", updatedBy);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        var version = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return new StoredKnowledgeBaseSettings(settings, version, updatedBy, at);
    }
}
