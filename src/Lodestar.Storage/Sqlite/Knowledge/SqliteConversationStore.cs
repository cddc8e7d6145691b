using System.Globalization;
using Lodestar.Core;
using Lodestar.Knowledge.Conversations;
using Lodestar.Knowledge.Documents;
using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Sqlite.Knowledge;

/// <summary>Conversation memory in SQLite, in the knowledge module's schema.</summary>
internal sealed class SqliteConversationStore(SqliteDatabase database) : IConversationStore
{
    public async Task<Conversation?> GetAsync(string tenantId, string conversationId, int maxTurns, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(KnowledgeSchema.Module, KnowledgeSchema.Migrations, cancellationToken).ConfigureAwait(false);
        await using var head = connection.CreateCommand();
        head.CommandText = "SELECT kb, owner FROM kb_conversations WHERE tenant = $tenant AND id = $id";
        head.Parameters.AddWithValue("$tenant", tenantId);
        head.Parameters.AddWithValue("$id", conversationId);
        string kb, owner;
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            (kb, owner) = (reader.GetString(0), reader.GetString(1));
        }

        await using var turns = connection.CreateCommand();
        turns.CommandText = "SELECT question, standalone_question, answer, at FROM (SELECT * FROM kb_conversation_turns WHERE tenant = $tenant AND conversation_id = $id ORDER BY ordinal DESC LIMIT $limit) ORDER BY ordinal";
        turns.Parameters.AddWithValue("$tenant", tenantId);
        turns.Parameters.AddWithValue("$id", conversationId);
        turns.Parameters.AddWithValue("$limit", maxTurns);
        var result = new List<ConversationTurn>();
        await using (var reader = await turns.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(new ConversationTurn(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
            }
        }

        return new Conversation(conversationId, new KnowledgeBaseId(tenantId, kb), owner, result);
    }

    public async Task AppendAsync(string conversationId, KnowledgeBaseId knowledgeBase, string ownerUserId, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        await using var connection = await database.OpenAsync(KnowledgeSchema.Module, KnowledgeSchema.Migrations, cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = "INSERT INTO kb_conversations (tenant, id, kb, owner, created_at) VALUES ($tenant, $id, $kb, $owner, $at) ON CONFLICT DO NOTHING";
            create.Parameters.AddWithValue("$tenant", knowledgeBase.TenantId);
            create.Parameters.AddWithValue("$id", conversationId);
            create.Parameters.AddWithValue("$kb", knowledgeBase.Name);
            create.Parameters.AddWithValue("$owner", ownerUserId);
            create.Parameters.AddWithValue("$at", turn.At.ToString("O"));
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var check = connection.CreateCommand())
        {
            // Two users racing for a new id: the loser must not write into the winner's conversation.
            check.Transaction = transaction;
            check.CommandText = "SELECT owner = $owner AND kb = $kb FROM kb_conversations WHERE tenant = $tenant AND id = $id";
            check.Parameters.AddWithValue("$tenant", knowledgeBase.TenantId);
            check.Parameters.AddWithValue("$id", conversationId);
            check.Parameters.AddWithValue("$kb", knowledgeBase.Name);
            check.Parameters.AddWithValue("$owner", ownerUserId);
            if ((long)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! != 1)
            {
                throw LodestarException.NotFound($"no session '{conversationId}' of yours in this knowledge base");
            }
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO kb_conversation_turns (tenant, conversation_id, ordinal, question, standalone_question, answer, at)
                VALUES ($tenant, $id, (SELECT COALESCE(MAX(ordinal), 0) + 1 FROM kb_conversation_turns WHERE tenant = $tenant AND conversation_id = $id), $question, $standalone, $answer, $at)
                """;
            insert.Parameters.AddWithValue("$tenant", knowledgeBase.TenantId);
            insert.Parameters.AddWithValue("$id", conversationId);
            insert.Parameters.AddWithValue("$question", turn.Question);
            insert.Parameters.AddWithValue("$standalone", turn.StandaloneQuestion);
            insert.Parameters.AddWithValue("$answer", turn.Answer);
            insert.Parameters.AddWithValue("$at", turn.At.ToString("O"));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
