using Lodestar.Models.Monitoring;
using Lodestar.Models.Retraining;
using Lodestar.Models.Tracking;
using Lodestar.Models.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lodestar.Models.Registry;

/// <summary>Registers the model lifecycle services; the stores come from the storage layer (AddSqliteModelStores).</summary>
public static class ModelsServiceCollectionExtensions
{
    public static IServiceCollection AddModelLifecycle(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ModelTrainer>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<RegistryService>();
        services.AddSingleton<PromotionService>();
        services.AddSingleton<TrackingService>();
        services.AddSingleton<RetrainingService>();
        services.TryAddSingleton(_ => Core.Net.WebhookAddressPolicy.FromEnvironment());
        services.AddSingleton<DriftActions>();
        services.AddSingleton<DriftMonitorService>();
        return services;
    }
}
