using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lodestar.Models.Serving;

/// <summary>Registers model serving; the stores come from the storage layer (AddSqliteServingStores).</summary>
public static class ServingServiceCollectionExtensions
{
    public static IServiceCollection AddModelServing(this IServiceCollection services, Action<ServingOptions>? configure = null)
    {
        var options = new ServingOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<ModelServing>();
        services.AddSingleton<Scoring.ScoringJobRunner>();
        services.AddSingleton<Core.Jobs.IJobHandler, Scoring.ScoringJobHandler>();
        return services;
    }
}
