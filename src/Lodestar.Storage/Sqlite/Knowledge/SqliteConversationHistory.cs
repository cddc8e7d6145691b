using System.Globalization;
using Lodestar.Knowledge.Conversations;

namespace Lodestar.Storage.Sqlite.Knowledge;

/// <summary>Lists a user's conversations from the knowledge module's conversation tables.</summary>
internal sealed class SqliteConversationHistory(SqliteDatabase database) : IConversationHistory
{
    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string tenantId, string ownerUserId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(KnowledgeSchema.Module, KnowledgeSchema.Migrations, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.id, c.kb, t.question, n.turns, n.last_at
            FROM kb_conversations c
            JOIN (SELECT conversation_id, COUNT(*) AS turns, MAX(at) AS last_at, MIN(ordinal) AS first_ordinal
                  FROM kb_conversation_turns WHERE tenant = $tenant GROUP BY conversation_id) n ON n.conversation_id = c.id
            JOIN kb_conversation_turns t ON t.tenant = c.tenant AND t.conversation_id = c.id AND t.ordinal = n.first_ordinal
            WHERE c.tenant = $tenant AND c.owner = $owner
            ORDER BY n.last_at DESC
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$owner", ownerUserId);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<ConversationSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new ConversationSummary(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }

        return result;
    }
}
