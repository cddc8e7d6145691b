using Lodestar.Core.Jobs;
using Lodestar.Governance.Audit;
using Lodestar.Governance.Identity;
using Lodestar.Knowledge.Conversations;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Settings;
using Lodestar.Models.Registry;
using Lodestar.Models.Tracking;
using Lodestar.Models.Monitoring;
using Lodestar.Observability.Alerts;
using Lodestar.Observability.Answers;
using Lodestar.Observability.Costs;
using Lodestar.Observability.Requests;
using Lodestar.Storage.Postgres.Governance;
using Lodestar.Storage.Postgres.Jobs;
using Lodestar.Storage.Postgres.Knowledge;
using Lodestar.Storage.Postgres.Models;
using Lodestar.Storage.Postgres.Monitoring;
using Lodestar.Storage.Postgres.Observability;
using Lodestar.Storage.Postgres.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Storage.Postgres;

/// <summary>Registers the PostgreSQL stores (the multi-node system of record) over one shared <see cref="PostgresDatabase"/>.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    public static IServiceCollection AddPostgresStores(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(new PostgresDatabase(connectionString));
        services.AddSingleton<IKnowledgeStore, PostgresKnowledgeStore>();
        services.AddSingleton<IConversationStore, PostgresConversationStore>();
        services.AddSingleton<IUserStore, PostgresUserStore>();
        services.AddSingleton<IApiKeyStore, PostgresApiKeyStore>();
        services.AddSingleton<IAuditStore, PostgresAuditStore>();
        services.AddSingleton<IAccessControlOverrideStore, PostgresAclOverrideStore>();
        services.AddSingleton<ITrackingStore, PostgresTrackingStore>();
        services.AddSingleton<IModelRegistryStore, PostgresModelRegistryStore>();
        services.AddSingleton<IJobQueue, PostgresJobQueue>();
        services.AddSingleton<PostgresChangeFeed>();
        services.AddSingleton<IConversationHistory, PostgresConversationHistory>();
        services.AddSingleton<IRequestLog, PostgresRequestLog>();
        services.AddSingleton<IAnswerRecordStore, PostgresAnswerRecordStore>();
        services.AddSingleton<IUsageStore, PostgresUsageStore>();
        services.AddSingleton<IAlertStore, PostgresAlertStore>();
        services.AddSingleton<IDriftStore, PostgresDriftStore>();
        services.AddSingleton<PostgresKeyRing>();
        services.AddSingleton<IKnowledgeBaseSettingsStore, PostgresKnowledgeBaseSettingsStore>();
        services.AddPostgresModelStores();
        return services;
    }
}
