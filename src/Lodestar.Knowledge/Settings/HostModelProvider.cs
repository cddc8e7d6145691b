using Lodestar.Core;
using Microsoft.Extensions.AI;

namespace Lodestar.Knowledge.Settings;

/// <summary>
/// The fallback when the host registers no <see cref="IKnowledgeModelProvider"/>: the host's one embedding generator and
/// chat client, with no way to reach other endpoints (settings naming one are refused at use).
/// </summary>
internal sealed class HostModelProvider(IEmbeddingGenerator<string, Embedding<float>>? embedder = null, IChatClient? chat = null) : IKnowledgeModelProvider
{
    public IEmbeddingGenerator<string, Embedding<float>>? GetEmbeddingGenerator(EmbeddingProviderSettings? settings) => settings?.Provider switch
    {
        null or EmbeddingProviderSettings.Local => embedder,
        EmbeddingProviderSettings.None => null,
        _ => throw LodestarException.Invalid($"this host cannot reach embedding provider '{settings.Provider}'"),
    };

    public IChatClient? GetChatClient(ChatProviderSettings? settings) =>
        settings is null ? chat : throw LodestarException.Invalid("this host cannot reach a per-knowledge-base chat model");
}
