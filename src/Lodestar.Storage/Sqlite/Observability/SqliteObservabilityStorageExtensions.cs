using Lodestar.Observability.Alerts;
using Lodestar.Observability.Answers;
using Lodestar.Observability.Costs;
using Lodestar.Observability.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Storage.Sqlite.Observability;

/// <summary>The embedded observability stores: request log, answer records, usage and budgets, alerts.</summary>
public static class SqliteObservabilityStorageExtensions
{
    public static IServiceCollection AddSqliteObservabilityStores(this IServiceCollection services)
    {
        services.AddSingleton<IRequestLog, SqliteRequestLog>();
        services.AddSingleton<IAnswerRecordStore, SqliteAnswerRecordStore>();
        services.AddSingleton<IUsageStore, SqliteUsageStore>();
        services.AddSingleton<IAlertStore, SqliteAlertStore>();
        return services;
    }
}
