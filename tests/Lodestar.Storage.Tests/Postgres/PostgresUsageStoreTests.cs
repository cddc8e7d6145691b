using Lodestar.Observability.Costs;
using Lodestar.Storage.Postgres.Observability;
using Lodestar.Storage.Tests.Observability;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresUsageStoreTests : UsageStoreContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override IUsageStore CreateStore() => new PostgresUsageStore(_schema.Open());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
