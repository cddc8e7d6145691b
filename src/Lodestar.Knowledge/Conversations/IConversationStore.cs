using Lodestar.Knowledge.Documents;

namespace Lodestar.Knowledge.Conversations;

/// <summary>Keeps conversations (session memory) per tenant.</summary>
public interface IConversationStore
{
    /// <summary>The conversation with its newest <paramref name="maxTurns"/> turns (oldest first), or null.</summary>
    Task<Conversation?> GetAsync(string tenantId, string conversationId, int maxTurns, CancellationToken cancellationToken = default);

    /// <summary>Appends a turn, creating the conversation (owned by <paramref name="ownerUserId"/>) on its first turn.</summary>
    Task AppendAsync(string conversationId, KnowledgeBaseId knowledgeBase, string ownerUserId, ConversationTurn turn, CancellationToken cancellationToken = default);
}
