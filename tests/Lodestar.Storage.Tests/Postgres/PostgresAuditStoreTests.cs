using Lodestar.Governance.Audit;
using Lodestar.Storage.Postgres.Governance;
using Lodestar.Storage.Tests.Governance;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresAuditStoreTests : AuditStoreContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override IAuditStore CreateStore() => new PostgresAuditStore(_schema.Open());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
