using Lodestar.Governance;
using Lodestar.Governance.Privacy;
using Lodestar.Knowledge;
using Lodestar.Knowledge.Settings;
using Lodestar.Models.Encoders;
using Lodestar.Models.Providers;
using Lodestar.Models.Registry;
using Lodestar.Models.Serving;
using Lodestar.Observability;
using Lodestar.Observability.Costs;
using Lodestar.Server.Cluster;
using Lodestar.Server.Observability;
using Lodestar.Server.Security;
using Lodestar.Storage;
using Lodestar.Storage.Sqlite;
using Lodestar.Storage.Sqlite.Governance;
using Lodestar.Storage.Sqlite.Knowledge;
using Lodestar.Storage.Sqlite.Models;
using Lodestar.Storage.Sqlite.Observability;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Composition;

/// <summary>The one composition root shared by the server and the CLI: one <c>AddX()</c> per capability.</summary>
public static class LodestarServiceCollectionExtensions
{
    public static IServiceCollection AddLodestar(this IServiceCollection services, LodestarHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = new DataDirectory(options.DataDirectory);
        services.AddSingleton(data);
        services.AddSingleton(new SqliteDatabase(data.DatabasePath));
        services.AddSingleton(options.Webhooks);
        services.AddGovernance();
        services.AddSqliteGovernanceStores();
        services.AddKnowledge(knowledge => knowledge.IndexRoot = Path.Combine(data.Root, "indexes"));
        services.AddSqliteKnowledgeStore();
        // Defaults for knowledge bases without their own settings: appsettings/env Lodestar:Knowledge (env Lodestar__Knowledge__Bm25K1, ...).
        services.AddOptions<KnowledgeOptions>().Configure<IServiceProvider>((knowledge, sp) =>
            (sp.GetService<IConfiguration>() ?? new ConfigurationBuilder().AddEnvironmentVariables().Build()).GetSection("Lodestar:Knowledge").Bind(knowledge));
        services.AddSingleton<IKnowledgeModelProvider, KnowledgeModelProvider>();
        services.AddPiiPolicies(data.Root);
        services.AddSqliteModelStores();
        services.AddModelLifecycle();
        services.AddObservability(data.Root);
        services.AddSqliteObservabilityStores();
        services.AddSingleton<Lodestar.Server.Observability.AskObserver>();
        services.AddSqliteServingStores();
        services.AddModelServing(serving => serving.AllowFaultInjection = options.AllowServingFaultInjection);
        if (options.ChatModel is { } chatModel)
        {
            // Polly inside the client enforces the per-attempt timeout, so the HttpClient itself never times out.
            // Everything sent to the external model passes the outbound PII rules of the knowledge base being answered.
            services.AddSingleton<IChatClient>(sp => new PiiRedactingChatClient(
                new OpenAICompatibleChatClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, chatModel), sp.GetRequiredService<PiiRedactor>(), sp.GetRequiredService<KnowledgeRedactor>().CurrentOutboundPolicy));
        }

        if (options.Embeddings == EmbeddingSource.Auto && ModelCache.TryLocate() is { } modelDirectory)
        {
            // Loaded on first use: commands that never embed do not pay for reading the weights.
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => new EmbeddingUsageMeter(
                UniversalSentenceEncoder.Load(modelDirectory), sp.GetRequiredService<BudgetGuard>(), sp.GetRequiredService<PriceTable>(), sp.GetRequiredService<TimeProvider>()));
        }

        services.AddStoreSelection(options.Store);
        return services;
    }
}
