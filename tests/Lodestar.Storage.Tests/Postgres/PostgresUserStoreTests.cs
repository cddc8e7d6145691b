using Lodestar.Governance.Identity;
using Lodestar.Storage.Postgres.Governance;
using Lodestar.Storage.Tests.Governance;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresUserStoreTests : UserStoreContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override IUserStore CreateStore() => new PostgresUserStore(_schema.Open());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
