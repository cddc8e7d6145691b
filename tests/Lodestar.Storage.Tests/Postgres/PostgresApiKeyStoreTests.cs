using Lodestar.Governance.Identity;
using Lodestar.Storage.Postgres.Governance;
using Lodestar.Storage.Tests.Governance;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresApiKeyStoreTests : ApiKeyStoreContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override (IApiKeyStore Keys, IUserStore Users) CreateStores()
    {
        var database = _schema.Open();
        return (new PostgresApiKeyStore(database), new PostgresUserStore(database));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
