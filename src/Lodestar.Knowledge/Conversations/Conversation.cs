using Lodestar.Knowledge.Documents;

namespace Lodestar.Knowledge.Conversations;

/// <summary>A conversation with one user about one knowledge base; only its owner may read or continue it.</summary>
public sealed record Conversation(string Id, KnowledgeBaseId KnowledgeBase, string OwnerUserId, IReadOnlyList<ConversationTurn> Turns);
