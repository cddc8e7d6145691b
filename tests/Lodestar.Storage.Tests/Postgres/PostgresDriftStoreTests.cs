using Lodestar.Models.Monitoring;
using Lodestar.Storage.Postgres.Monitoring;
using Lodestar.Storage.Tests.Monitoring;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresDriftStoreTests : DriftStoreContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override IDriftStore CreateStore() => new PostgresDriftStore(_schema.Open());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
