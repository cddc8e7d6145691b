using Lodestar.Models.Monitoring;
using Lodestar.Models.Registry;
using Lodestar.Models.Tracking;
using Lodestar.Storage.Sqlite.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Storage.Sqlite;

/// <summary>The embedded model stores: SQLite tracking and registry, artifacts as files under the data directory.</summary>
public static class ModelStoresServiceCollectionExtensions
{
    public static IServiceCollection AddSqliteModelStores(this IServiceCollection services)
    {
        services.AddSingleton<ITrackingStore, SqliteTrackingStore>();
        services.AddSingleton<IModelRegistryStore, SqliteModelRegistryStore>();
        services.AddSingleton<IModelArtifactStore>(provider => new FileModelArtifactStore(provider.GetRequiredService<DataDirectory>().ArtifactDirectory));
        services.AddSingleton<IModelGovernanceStore, SqliteModelGovernanceStore>();
        services.AddSingleton<IRunArtifactStore, SqliteRunArtifactStore>();
        services.AddSingleton<IDriftStore, SqliteDriftStore>();
        services.AddSingleton<IContentStore>(provider => new ContentAddressedStore(provider.GetRequiredService<DataDirectory>().ArtifactDirectory));
        return services;
    }
}
