using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Sqlite.Governance;

/// <summary>ACL overrides set over HTTP, in <c>gov_acl_overrides</c>, keyed by tenant, knowledge base and document.</summary>
internal sealed class SqliteAclOverrideStore(GovernanceSchema schema) : IAccessControlOverrideStore
{
    public async Task<AccessControlOverride?> FindAsync(KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await schema.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT allow_json, deny_json, replaced_allow_json, replaced_deny_json, set_by, set_at FROM gov_acl_overrides WHERE tenant_id = $tenant AND kb = $kb AND document_id = $id", knowledgeBase, documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new AccessControlOverride(
            documentId,
            new AccessControlList(SqliteValues.ReadList(reader, 0), SqliteValues.ReadList(reader, 1)),
            new AccessControlList(SqliteValues.ReadList(reader, 2), SqliteValues.ReadList(reader, 3)),
            reader.GetString(4),
            SqliteValues.ReadTime(reader, 5));
    }

    public async Task<bool> SetAsync(KnowledgeBaseId knowledgeBase, AccessControlOverride value, AccessControlOverride? expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        await using var connection = await schema.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The condition is part of the write: who set the override and when (to the tick) identify the state the caller read.
        await using var command = Command(
            connection,
            expected is null
                ? """
                  INSERT INTO gov_acl_overrides (tenant_id, kb, document_id, allow_json, deny_json, replaced_allow_json, replaced_deny_json, set_by, set_at)
                  VALUES ($tenant, $kb, $id, $allow, $deny, $replacedAllow, $replacedDeny, $by, $at)
                  ON CONFLICT (tenant_id, kb, document_id) DO NOTHING
                  """
                : """
                  UPDATE gov_acl_overrides SET allow_json = $allow, deny_json = $deny, replaced_allow_json = $replacedAllow, replaced_deny_json = $replacedDeny,
                      set_by = $by, set_at = $at
                  WHERE tenant_id = $tenant AND kb = $kb AND document_id = $id AND set_by = $expectedBy AND set_at = $expectedAt
                  """,
            knowledgeBase,
            value.DocumentId);
        if (expected is not null)
        {
            command.Parameters.AddWithValue("$expectedBy", expected.SetBy);
            command.Parameters.AddWithValue("$expectedAt", SqliteValues.Time(expected.SetAt));
        }

        command.Parameters.AddWithValue("$allow", SqliteValues.List(value.Acl.Allow));
        command.Parameters.AddWithValue("$deny", SqliteValues.List(value.Acl.Deny));
        command.Parameters.AddWithValue("$replacedAllow", SqliteValues.List(value.Replaced.Allow));
        command.Parameters.AddWithValue("$replacedDeny", SqliteValues.List(value.Replaced.Deny));
        command.Parameters.AddWithValue("$by", value.SetBy);
        command.Parameters.AddWithValue("$at", SqliteValues.Time(value.SetAt));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RemoveAsync(KnowledgeBaseId knowledgeBase, AccessControlOverride expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        await using var connection = await schema.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "DELETE FROM gov_acl_overrides WHERE tenant_id = $tenant AND kb = $kb AND document_id = $id AND set_by = $expectedBy AND set_at = $expectedAt",
            knowledgeBase,
            expected.DocumentId);
        command.Parameters.AddWithValue("$expectedBy", expected.SetBy);
        command.Parameters.AddWithValue("$expectedAt", SqliteValues.Time(expected.SetAt));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, KnowledgeBaseId knowledgeBase, string documentId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$tenant", knowledgeBase.TenantId);
        command.Parameters.AddWithValue("$kb", knowledgeBase.Name);
        command.Parameters.AddWithValue("$id", documentId);
        return command;
    }
}
