namespace Lodestar.Knowledge.Conversations;

/// <summary>One conversation in a session list: its first question names it.</summary>
public sealed record ConversationSummary(string Id, string KnowledgeBase, string FirstQuestion, int Turns, DateTimeOffset LastActivity);
