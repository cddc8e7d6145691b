using Lodestar.Core;
using Lodestar.Core.Jobs;
using Lodestar.Knowledge.Answering;
using Lodestar.Knowledge.Conversations;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Evaluation;
using Lodestar.Knowledge.Indexes;
using Lodestar.Knowledge.Search;
using Lodestar.Knowledge.Settings;
using Lodestar.Knowledge.Sync;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lodestar.Knowledge;

public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Adds ingestion, search and answering. Needs an <see cref="IKnowledgeStore"/>, an <see cref="IKnowledgeBaseSettingsStore"/>, an <see cref="IConversationStore"/> and an <see cref="IAuditLog"/>; uses an
    /// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> for dense and hybrid search when one is registered,
    /// and an <c>IChatClient</c> (when registered) to write answers, else the extractive composer.
    /// </summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, Action<KnowledgeOptions> configure)
    {
        services.AddOptions<KnowledgeOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>());
        services.TryAddSingleton<IKnowledgeModelProvider>(sp => new HostModelProvider(sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>(), sp.GetService<IChatClient>()));
        services.TryAddSingleton(sp => new KnowledgeSettingsService(
            sp.GetRequiredService<IKnowledgeBaseSettingsStore>(), sp.GetRequiredService<IOptions<KnowledgeOptions>>(), sp.GetRequiredService<IAuditLog>(), sp.GetService<IJobQueue>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<KnowledgeIndexRegistry>();
        services.TryAddSingleton(sp => new KnowledgeIndexSync(sp.GetRequiredService<KnowledgeIndexRegistry>()));
        // With a chat model registered, answers are generated and cited by it, falling back to the extractive composer.
        services.TryAddSingleton<IAnswerGenerator>(sp => sp.GetService<IChatClient>() is { } chat
            ? new ChatAnswerGenerator(chat, new ExtractiveAnswerComposer())
            : new ExtractiveAnswerComposer());
        services.TryAddSingleton<IKnowledgeRedactor, NoRedaction>();
        services.TryAddSingleton(sp => new DocumentWriter(sp.GetRequiredService<IKnowledgeStore>(), sp.GetRequiredService<KnowledgeSettingsService>(), sp.GetRequiredService<IKnowledgeRedactor>()));
        services.TryAddSingleton(sp => new IngestionService(
            sp.GetRequiredService<IKnowledgeStore>(), sp.GetRequiredService<DocumentWriter>(), sp.GetRequiredService<KnowledgeIndexRegistry>(),
            sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<IOptions<KnowledgeOptions>>(), sp.GetRequiredService<DocumentAccessService>()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DocumentAccessService>();
        services.TryAddSingleton(sp => new KnowledgeSearcher(
            sp.GetRequiredService<IKnowledgeStore>(), sp.GetRequiredService<KnowledgeIndexRegistry>(), sp.GetRequiredService<IOptions<KnowledgeOptions>>(), sp.GetRequiredService<IKnowledgeRedactor>()));
        services.TryAddSingleton(sp => new KnowledgeAssistant(
            sp.GetRequiredService<KnowledgeSearcher>(), sp.GetRequiredService<KnowledgeIndexRegistry>(),
            new AnswerModels(sp.GetRequiredService<KnowledgeSettingsService>(), sp.GetRequiredService<IKnowledgeModelProvider>(), sp.GetRequiredService<IAnswerGenerator>(),
                new QuestionRewriter(sp.GetService<IChatClient>(), sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value), sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value),
            sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<IConversationStore>(),
            sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>(), sp.GetRequiredService<IOptions<KnowledgeOptions>>(), sp.GetRequiredService<IKnowledgeRedactor>()));
        services.TryAddSingleton(sp => new RetrievalEvaluator(sp.GetRequiredService<IKnowledgeStore>(), sp.GetRequiredService<DocumentWriter>(), sp.GetRequiredService<KnowledgeSearcher>()));
        return services;
    }
}
