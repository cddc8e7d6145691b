using Lodestar.Models.Registry;
using Lodestar.Storage;
using Lodestar.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Composition;

/// <summary>The one composition root shared by the server and the CLI: one <c>AddX()</c> per capability.</summary>
public static class LodestarServiceCollectionExtensions
{
    public static IServiceCollection AddLodestar(this IServiceCollection services, LodestarHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = new DataDirectory(options.DataDirectory);
        services.AddSingleton(data);
        services.AddSingleton(new SqliteDatabase(data.DatabasePath));
        services.AddSqliteModelStores().AddModelLifecycle();
        return services;
    }
}
