using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Npgsql;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Governance;

/// <summary>ACL overrides set over HTTP, in <c>gov_acl_overrides</c>: shared by every node, so a change applies to the next query anywhere.</summary>
internal sealed class PostgresAclOverrideStore(PostgresDatabase database) : IAccessControlOverrideStore
{
    private const string Key = "tenant_id = @tenant AND kb = @kb AND document_id = @id";

    public async Task<AccessControlOverride?> FindAsync(KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken = default)
    {
        var found = await database.ReadAsync(PostgresGovernanceSchema.Module, (connection, token) => QueryAsync(
            connection, null, $"SELECT allow_json, deny_json, replaced_allow_json, replaced_deny_json, set_by, set_at FROM gov_acl_overrides WHERE {Key}",
            reader => new AccessControlOverride(
                documentId,
                new AccessControlList(ReadList(reader, 0), ReadList(reader, 1)),
                new AccessControlList(ReadList(reader, 2), ReadList(reader, 3)),
                reader.GetString(4),
                ReadTime(reader, 5)),
            token, KeyOf(knowledgeBase, documentId)), cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<bool> SetAsync(KnowledgeBaseId knowledgeBase, AccessControlOverride value, AccessControlOverride? expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        // The condition is part of the write (one statement), so of two nodes replacing the same state exactly one changes a row.
        return database.WriteAsync(PostgresGovernanceSchema.Module, async (connection, transaction, token) => await ExecuteAsync(
            connection,
            transaction,
            expected is null
                ? """
                  INSERT INTO gov_acl_overrides (tenant_id, kb, document_id, allow_json, deny_json, replaced_allow_json, replaced_deny_json, set_by, set_at)
                  VALUES (@tenant, @kb, @id, @allow, @deny, @replacedAllow, @replacedDeny, @by, @at)
                  ON CONFLICT (tenant_id, kb, document_id) DO NOTHING
                  """
                : $"""
                  UPDATE gov_acl_overrides SET allow_json = @allow, deny_json = @deny, replaced_allow_json = @replacedAllow, replaced_deny_json = @replacedDeny,
                      set_by = @by, set_at = @at
                  WHERE {Key} AND set_by = @expectedBy AND set_at = @expectedAt
                  """,
            token,
            [.. KeyOf(knowledgeBase, value.DocumentId), ("allow", List(value.Acl.Allow)), ("deny", List(value.Acl.Deny)),
                ("replacedAllow", List(value.Replaced.Allow)), ("replacedDeny", List(value.Replaced.Deny)), ("by", value.SetBy), ("at", Time(value.SetAt)),
                .. expected is null ? [] : new (string, object?)[] { ("expectedBy", expected.SetBy), ("expectedAt", Time(expected.SetAt)) }]).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    public Task<bool> RemoveAsync(KnowledgeBaseId knowledgeBase, AccessControlOverride expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return database.WriteAsync(PostgresGovernanceSchema.Module, async (connection, transaction, token) => await ExecuteAsync(
            connection, transaction, $"DELETE FROM gov_acl_overrides WHERE {Key} AND set_by = @expectedBy AND set_at = @expectedAt", token,
            [.. KeyOf(knowledgeBase, expected.DocumentId), ("expectedBy", expected.SetBy), ("expectedAt", Time(expected.SetAt))]).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    private static (string Name, object? Value)[] KeyOf(KnowledgeBaseId knowledgeBase, string documentId) =>
        [("tenant", knowledgeBase.TenantId), ("kb", knowledgeBase.Name), ("id", documentId)];
}
