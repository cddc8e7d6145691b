using Microsoft.Extensions.AI;

namespace Lodestar.Knowledge.Settings;

/// <summary>
/// Turns a knowledge base's provider settings into models. Knowledge never references Models, so the host implements
/// this (local encoder, OpenAI-compatible endpoints); null settings mean the host's defaults. Implementations should
/// hand out one instance per distinct settings value, so a model is not rebuilt per query.
/// </summary>
public interface IKnowledgeModelProvider
{
    /// <summary>The embedding generator for <paramref name="settings"/>, or null when the knowledge base runs BM25 only.</summary>
    IEmbeddingGenerator<string, Embedding<float>>? GetEmbeddingGenerator(EmbeddingProviderSettings? settings);

    /// <summary>The chat model for <paramref name="settings"/>, or null when answers are composed extractively.</summary>
    IChatClient? GetChatClient(ChatProviderSettings? settings);
}
