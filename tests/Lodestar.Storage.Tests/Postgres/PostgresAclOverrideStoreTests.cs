using Lodestar.Knowledge.Documents;
using Lodestar.Storage.Postgres.Governance;
using Lodestar.Storage.Tests.Governance;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresAclOverrideStoreTests : AclOverrideStoreContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override IAccessControlOverrideStore CreateStore() => new PostgresAclOverrideStore(_schema.Open());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
