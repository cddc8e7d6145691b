using Lodestar.Governance.Identity;
using Lodestar.Storage.Sqlite.Governance;

namespace Lodestar.Storage.Tests.Governance;

public sealed class SqliteUserStoreTests : UserStoreContractTests, IDisposable
{
    private readonly GovernanceDatabase _database = new();

    protected override IUserStore CreateStore() => new SqliteUserStore(_database.Schema);

    public void Dispose() => _database.Dispose();
}
