using Lodestar.Core;
using Lodestar.Knowledge.Conversations;
using Lodestar.Knowledge.Documents;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Knowledge;

/// <summary>Conversation memory in PostgreSQL, in the knowledge module's schema.</summary>
internal sealed class PostgresConversationStore(PostgresDatabase database) : IConversationStore
{
    public Task<Conversation?> GetAsync(string tenantId, string conversationId, int maxTurns, CancellationToken cancellationToken = default) =>
        database.ReadAsync(PostgresKnowledgeSchema.Module, async (connection, token) =>
        {
            var heads = await QueryAsync(connection, null, "SELECT kb, owner FROM kb_conversations WHERE tenant = @tenant AND id = @id",
                r => (Kb: r.GetString(0), Owner: r.GetString(1)), token, ("tenant", tenantId), ("id", conversationId)).ConfigureAwait(false);
            if (heads.Count == 0)
            {
                return null;
            }

            var turns = await QueryAsync(connection, null,
                "SELECT question, standalone_question, answer, at FROM (SELECT * FROM kb_conversation_turns WHERE tenant = @tenant AND conversation_id = @id ORDER BY ordinal DESC LIMIT @limit) t ORDER BY ordinal",
                r => new ConversationTurn(r.GetString(0), r.GetString(1), r.GetString(2), ReadTime(r, 3)), token,
                ("tenant", tenantId), ("id", conversationId), ("limit", maxTurns)).ConfigureAwait(false);
            return (Conversation?)new Conversation(conversationId, new KnowledgeBaseId(tenantId, heads[0].Kb), heads[0].Owner, turns);
        }, cancellationToken);

    public Task AppendAsync(string conversationId, KnowledgeBaseId knowledgeBase, string ownerUserId, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return database.WriteAsync(PostgresKnowledgeSchema.Module, async (connection, transaction, token) =>
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO kb_conversations (tenant, id, kb, owner, created_at) VALUES (@tenant, @id, @kb, @owner, @at) ON CONFLICT DO NOTHING", token,
                ("tenant", knowledgeBase.TenantId), ("id", conversationId), ("kb", knowledgeBase.Name), ("owner", ownerUserId), ("at", Time(turn.At))).ConfigureAwait(false);
            // The row lock orders concurrent appends; a loser of a race for a new id must not write into the winner's conversation.
            var mine = await QueryAsync(connection, transaction, "SELECT owner = @owner AND kb = @kb FROM kb_conversations WHERE tenant = @tenant AND id = @id FOR UPDATE",
                r => r.GetBoolean(0), token, ("tenant", knowledgeBase.TenantId), ("id", conversationId), ("kb", knowledgeBase.Name), ("owner", ownerUserId)).ConfigureAwait(false);
            if (!mine[0])
            {
                throw LodestarException.NotFound($"no session '{conversationId}' of yours in this knowledge base");
            }

            return await ExecuteAsync(connection, transaction,
                """
                INSERT INTO kb_conversation_turns (tenant, conversation_id, ordinal, question, standalone_question, answer, at)
                VALUES (@tenant, @id, (SELECT COALESCE(MAX(ordinal), 0) + 1 FROM kb_conversation_turns WHERE tenant = @tenant AND conversation_id = @id), @question, @standalone, @answer, @at)
                """,
                token, ("tenant", knowledgeBase.TenantId), ("id", conversationId), ("question", turn.Question), ("standalone", turn.StandaloneQuestion),
                ("answer", turn.Answer), ("at", Time(turn.At))).ConfigureAwait(false);
        }, cancellationToken);
    }
}
