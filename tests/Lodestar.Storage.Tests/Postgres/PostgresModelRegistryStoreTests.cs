using Lodestar.Models.Registry;
using Lodestar.Storage.Postgres.Models;
using Lodestar.Storage.Tests.Models;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresModelRegistryStoreTests : ModelRegistryStoreContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override IModelRegistryStore CreateStore() => new PostgresModelRegistryStore(_schema.Open());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
