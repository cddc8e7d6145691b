using Lodestar.Knowledge.Conversations;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Knowledge;

/// <summary>The console's session list from the shared conversation tables, so a user sees the same sessions on every node.</summary>
internal sealed class PostgresConversationHistory(PostgresDatabase database) : IConversationHistory
{
    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string tenantId, string ownerUserId, int limit, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(PostgresKnowledgeSchema.Module, (connection, token) => QueryAsync(connection, null,
            """
            SELECT c.id, c.kb, t.question, n.turns, n.last_at
            FROM kb_conversations c
            JOIN (SELECT conversation_id, COUNT(*) AS turns, MAX(at) AS last_at, MIN(ordinal) AS first_ordinal
                  FROM kb_conversation_turns WHERE tenant = @tenant GROUP BY conversation_id) n ON n.conversation_id = c.id
            JOIN kb_conversation_turns t ON t.tenant = c.tenant AND t.conversation_id = c.id AND t.ordinal = n.first_ordinal
            WHERE c.tenant = @tenant AND c.owner = @owner
            ORDER BY n.last_at DESC, c.id
            LIMIT @limit
            """,
            r => new ConversationSummary(r.GetString(0), r.GetString(1), r.GetString(2), (int)r.GetInt64(3), ReadTime(r, 4)),
            token, ("tenant", tenantId), ("owner", ownerUserId), ("limit", limit)), cancellationToken).ConfigureAwait(false);
}
