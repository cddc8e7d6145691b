using System.Collections.Concurrent;
using Lodestar.Knowledge.Answering;
using Lodestar.Knowledge.Conversations;
using Lodestar.Knowledge.Documents;

namespace Lodestar.Knowledge.Settings;

/// <summary>
/// The answer generator and follow-up rewriter of a knowledge base: its own chat model when its settings name one,
/// else the host's (<c>LODESTAR_LLM_*</c>, or the extractive composer without one).
/// </summary>
internal sealed class AnswerModels(KnowledgeSettingsService settings, IKnowledgeModelProvider models, IAnswerGenerator hostGenerator, QuestionRewriter hostRewriter, KnowledgeOptions options)
{
    private readonly ConcurrentDictionary<ChatProviderSettings, (IAnswerGenerator, QuestionRewriter)> _perChat = new();

    public async Task<(IAnswerGenerator Generator, QuestionRewriter Rewriter)> ForAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken)
    {
        var chat = (await settings.GetEffectiveAsync(knowledgeBase, cancellationToken).ConfigureAwait(false)).Chat;
        return chat is null ? (hostGenerator, hostRewriter) : _perChat.GetOrAdd(chat, Create);
    }

    private (IAnswerGenerator, QuestionRewriter) Create(ChatProviderSettings chat)
    {
        var client = models.GetChatClient(chat) ?? throw new InvalidOperationException("the model provider returned no chat client for explicit settings");
        return (new ChatAnswerGenerator(client, new ExtractiveAnswerComposer()), new QuestionRewriter(client, options));
    }
}
