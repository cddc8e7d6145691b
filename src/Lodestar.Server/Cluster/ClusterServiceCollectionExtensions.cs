using Lodestar.Core;
using Lodestar.Core.Jobs;
using Lodestar.Governance.Audit;
using Lodestar.Server.Jobs;
using Lodestar.Storage.Jobs;
using Lodestar.Storage.Postgres;
using Lodestar.Storage.Postgres.Secrets;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Cluster;

/// <summary>
/// The store selection and what several nodes need: on PostgreSQL the shared stores replace the embedded ones (later
/// registrations win), the audit key must come from the environment, and a follower keeps local indexes in step.
/// </summary>
public static class ClusterServiceCollectionExtensions
{
    public static IServiceCollection AddStoreSelection(this IServiceCollection services, StoreSelection store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var options = ClusterOptions.FromEnvironment();
        services.AddSingleton(options);
        services.AddSingleton<IndexReadiness>();
        services.AddSingleton<IJobHandler, IngestionJob>();
        if (store.Kind == StoreKind.Postgres)
        {
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(AuditKeyProvider.EnvironmentVariable)))
            {
                // A key file on one node's disk would make every other node's audit records unverifiable.
                throw LodestarException.Invalid($"--store postgres needs {AuditKeyProvider.EnvironmentVariable}: the audit HMAC key every node shares");
            }

            services.AddPostgresStores(store.PostgresConnection!);
            services.AddSharedDataProtectionKeys();
        }
        else
        {
            services.AddSqliteJobQueue();
        }

        return services;
    }

    /// <summary>
    /// Keeps data-protection keys (the console's cookies) in the shared database. PostConfigure wins over the console's
    /// key folder in the data directory whatever the registration order.
    /// </summary>
    internal static IServiceCollection AddSharedDataProtectionKeys(this IServiceCollection services)
    {
        services.AddOptions<KeyManagementOptions>().PostConfigure<PostgresKeyRing>((keys, ring) => keys.XmlRepository = new SharedKeyRepository(ring));
        return services;
    }

    /// <summary>The background work of a serving node (not of one-shot CLI commands): the change-log follower and the job worker.</summary>
    public static IServiceCollection AddClusterWorkers(this IServiceCollection services)
    {
        services.AddHostedService<ChangeLogFollower>();
        services.AddHostedService<JobWorker>();
        return services;
    }
}
