using System.Collections.Concurrent;
using Lodestar.Core;
using Lodestar.Governance.Privacy;
using Lodestar.Knowledge.Settings;
using Lodestar.Models.Providers;
using Lodestar.Observability.Costs;
using Lodestar.Server.Observability;
using Lodestar.Server.Security;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Composition;

/// <summary>
/// Knowledge bases' models: the host's generator and chat client by default, an OpenAI-compatible endpoint when a
/// knowledge base's settings name one (one client per distinct settings value; the API key is read from the named
/// environment variable on this node), metered for usage. Per-knowledge-base chat clients pass the same outbound PII rules as the host's.
/// </summary>
internal sealed class KnowledgeModelProvider(IServiceProvider services) : IKnowledgeModelProvider
{
    private readonly ConcurrentDictionary<EmbeddingProviderSettings, IEmbeddingGenerator<string, Embedding<float>>> _embedders = new();
    private readonly ConcurrentDictionary<ChatProviderSettings, IChatClient> _chats = new();

    public IEmbeddingGenerator<string, Embedding<float>>? GetEmbeddingGenerator(EmbeddingProviderSettings? settings) => settings?.Provider switch
    {
        null or EmbeddingProviderSettings.Local => services.GetService<IEmbeddingGenerator<string, Embedding<float>>>(),
        EmbeddingProviderSettings.None => null,
        EmbeddingProviderSettings.OpenAI => _embedders.GetOrAdd(settings, s => Metered(new OpenAICompatibleEmbeddingGenerator(
            new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new OpenAICompatibleOptions(s.BaseUrl!, ApiKey(s.ApiKeyEnv), s.Model!, TimeSpan.FromSeconds(60), MaxRetries: 2)))),
        _ => throw LodestarException.Invalid($"unknown embedding provider '{settings.Provider}'"),
    };

    public IChatClient? GetChatClient(ChatProviderSettings? settings) => settings is null
        ? services.GetService<IChatClient>()
        : _chats.GetOrAdd(settings, s => new PiiRedactingChatClient(
            new OpenAICompatibleChatClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new OpenAICompatibleOptions(s.BaseUrl, ApiKey(s.ApiKeyEnv), s.Model, TimeSpan.FromSeconds(s.TimeoutSeconds), s.MaxRetries)),
            services.GetRequiredService<PiiRedactor>(), services.GetRequiredService<KnowledgeRedactor>().CurrentOutboundPolicy));

    /// <summary>Per-knowledge-base embedders are charged like the host's: usage per tenant, knowledge base and model.</summary>
    private EmbeddingUsageMeter Metered(IEmbeddingGenerator<string, Embedding<float>> inner) =>
        new(inner, services.GetRequiredService<BudgetGuard>(), services.GetRequiredService<PriceTable>(), services.GetRequiredService<TimeProvider>());

    private static string? ApiKey(string? variable) => variable is null ? null : Environment.GetEnvironmentVariable(variable);
}
