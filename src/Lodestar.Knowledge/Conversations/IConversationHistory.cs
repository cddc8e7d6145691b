namespace Lodestar.Knowledge.Conversations;

/// <summary>A user's own conversations, newest first, for a session list (the console's chat history).</summary>
public interface IConversationHistory
{
    /// <summary>At most <paramref name="limit"/> conversations owned by <paramref name="ownerUserId"/>, most recently active first.</summary>
    Task<IReadOnlyList<ConversationSummary>> ListAsync(string tenantId, string ownerUserId, int limit, CancellationToken cancellationToken = default);
}
