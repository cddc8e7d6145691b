using Lodestar.Core;
using Lodestar.Core.Net;
using Lodestar.Observability.Alerts;
using Lodestar.Observability.Costs;
using Lodestar.Observability.Metrics;
using Lodestar.Observability.Operations;
using Lodestar.Observability.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lodestar.Observability;

public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>
    /// Metrics export, request recording, the operations read model, costs and budgets (prices from
    /// <c>DATA/prices.json</c>), and alerts. The stores (<see cref="IRequestLog"/>, answer records, usage, alerts) come from Storage.
    /// </summary>
    public static IServiceCollection AddObservability(this IServiceCollection services, string dataRoot)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => PriceTable.Load(Path.Combine(dataRoot, PriceTable.FileName)));
        services.AddSingleton<PrometheusExporter>();
        services.AddSingleton<RequestRecorder>();
        services.AddSingleton<IOperationsReader, OperationsReader>();
        services.AddSingleton<BudgetGuard>();
        services.AddSingleton<AlertSignal>();
        services.AddSingleton<IAlertSink, AlertDispatcher>();
        services.AddSingleton<IAlertReader>(provider => provider.GetRequiredService<IAlertStore>());
        services.AddSingleton<AlertEvaluator>();
        services.TryAddSingleton(WebhookRetry.Default);
        services.TryAddSingleton(_ => WebhookAddressPolicy.FromEnvironment());
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<WebhookDelivery>(provider, provider.GetRequiredService<WebhookAddressPolicy>().CreateClient(Timeout.InfiniteTimeSpan)));
        return services;
    }
}
