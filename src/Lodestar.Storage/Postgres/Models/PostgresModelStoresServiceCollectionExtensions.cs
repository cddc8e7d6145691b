using Lodestar.Models.Registry;
using Lodestar.Models.Scoring;
using Lodestar.Models.Serving;
using Lodestar.Models.Tracking;
using Lodestar.Storage.Postgres.Models.Content;
using Lodestar.Storage.Postgres.Models.Serving;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Storage.Postgres.Models;

/// <summary>
/// The model lifecycle's shared stores on PostgreSQL: serving (endpoints, prediction log, scoring jobs), registry
/// governance, the run artifact index and content (model files, run artifacts, training data) with a node-local cache.
/// </summary>
internal static class PostgresModelStoresServiceCollectionExtensions
{
    public static IServiceCollection AddPostgresModelStores(this IServiceCollection services)
    {
        services.AddSingleton<PostgresServingStore>();
        services.AddSingleton<IEndpointStore>(provider => provider.GetRequiredService<PostgresServingStore>());
        services.AddSingleton<IPredictionLogStore>(provider => provider.GetRequiredService<PostgresServingStore>());
        services.AddSingleton<IPredictionLogReader>(provider => provider.GetRequiredService<PostgresServingStore>());
        services.AddSingleton<IScoringJobStore>(provider => provider.GetRequiredService<PostgresServingStore>());
        services.AddSingleton<IModelGovernanceStore, PostgresModelGovernanceStore>();
        services.AddSingleton<IRunArtifactStore, PostgresRunArtifactStore>();
        services.AddSingleton<IContentStore>(provider => new PostgresContentStore(
            provider.GetRequiredService<PostgresDatabase>(), new ContentAddressedStore(Path.Combine(provider.GetRequiredService<DataDirectory>().ArtifactDirectory, "cache"))));
        services.AddSingleton<IModelArtifactStore>(provider => new ContentModelArtifactStore(provider.GetRequiredService<IContentStore>()));
        return services;
    }
}
