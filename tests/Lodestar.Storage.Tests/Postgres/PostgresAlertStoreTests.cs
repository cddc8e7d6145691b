using Lodestar.Observability.Alerts;
using Lodestar.Storage.Postgres.Observability;
using Lodestar.Storage.Tests.Observability;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresAlertStoreTests : AlertStoreContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override IAlertStore CreateStore() => new PostgresAlertStore(_schema.Open());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
