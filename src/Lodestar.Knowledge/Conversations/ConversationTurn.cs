namespace Lodestar.Knowledge.Conversations;

/// <summary>One question and answer of a conversation; <see cref="StandaloneQuestion"/> is what was searched.</summary>
public sealed record ConversationTurn(string Question, string StandaloneQuestion, string Answer, DateTimeOffset At);
