using Lodestar.Governance.Identity;
using Lodestar.Storage.Sqlite.Governance;

namespace Lodestar.Storage.Tests.Governance;

public sealed class SqliteApiKeyStoreTests : ApiKeyStoreContractTests, IDisposable
{
    private readonly GovernanceDatabase _database = new();

    protected override (IApiKeyStore Keys, IUserStore Users) CreateStores() =>
        (new SqliteApiKeyStore(_database.Schema), new SqliteUserStore(_database.Schema));

    public void Dispose() => _database.Dispose();
}
