using Lodestar.Core.Jobs;
using Lodestar.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lodestar.Storage.Jobs;

/// <summary>Registers the job queue of the embedded store (one node).</summary>
public static class JobQueueServiceCollectionExtensions
{
    public static IServiceCollection AddSqliteJobQueue(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services.AddSingleton<IJobQueue>(provider => new SqliteJobQueue(provider.GetRequiredService<SqliteDatabase>(), provider.GetRequiredService<TimeProvider>()));
    }
}
