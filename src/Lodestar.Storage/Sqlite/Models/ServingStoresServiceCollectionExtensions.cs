using Lodestar.Models.Scoring;
using Lodestar.Models.Serving;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Storage.Sqlite.Models;

/// <summary>Registers the one SQLite serving store behind its three ports.</summary>
public static class ServingStoresServiceCollectionExtensions
{
    public static IServiceCollection AddSqliteServingStores(this IServiceCollection services)
    {
        services.AddSingleton<SqliteServingStore>();
        services.AddSingleton<IEndpointStore>(provider => provider.GetRequiredService<SqliteServingStore>());
        services.AddSingleton<IPredictionLogStore>(provider => provider.GetRequiredService<SqliteServingStore>());
        services.AddSingleton<IPredictionLogReader>(provider => provider.GetRequiredService<SqliteServingStore>());
        services.AddSingleton<IScoringJobStore>(provider => provider.GetRequiredService<SqliteServingStore>());
        return services;
    }
}
