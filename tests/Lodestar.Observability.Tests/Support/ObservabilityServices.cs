using Lodestar.Observability.Alerts;
using Lodestar.Storage.Sqlite;
using Lodestar.Storage.Sqlite.Observability;
using Lodestar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Observability.Tests.Support;

/// <summary>The observability services over a real SQLite database in a fresh directory, without a host (no background loop racing the test).</summary>
internal sealed class ObservabilityServices : IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private readonly ServiceProvider _provider;

    public ObservabilityServices(TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton(new SqliteDatabase(Path.Combine(_data.Path, "lodestar.db")));
        // Retries a few milliseconds apart keep the retry test fast.
        services.AddSingleton(new WebhookRetry(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5)));
        // Webhook receivers in these tests listen on loopback, which only an explicit allowance permits.
        services.AddSingleton(Core.Net.WebhookAddressPolicy.AllowingPrivate);
        services.AddObservability(_data.Path);
        services.AddSqliteObservabilityStores();
        _provider = services.BuildServiceProvider();
    }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public void Dispose()
    {
        _provider.Dispose();
        _data.Dispose();
    }
}
