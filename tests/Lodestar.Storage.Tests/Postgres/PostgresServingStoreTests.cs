using Lodestar.Storage.Postgres.Models.Serving;
using Lodestar.Storage.Tests.Models;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresServingStoreTests : ServingStoreContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override ServingStores CreateStores()
    {
        var store = new PostgresServingStore(_schema.Open());
        return new ServingStores(store, store, store);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
