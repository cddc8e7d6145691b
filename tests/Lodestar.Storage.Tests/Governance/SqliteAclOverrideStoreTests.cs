using Lodestar.Knowledge.Documents;
using Lodestar.Storage.Sqlite.Governance;

namespace Lodestar.Storage.Tests.Governance;

public sealed class SqliteAclOverrideStoreTests : AclOverrideStoreContractTests, IDisposable
{
    private readonly GovernanceDatabase _database = new();

    protected override IAccessControlOverrideStore CreateStore() => new SqliteAclOverrideStore(_database.Schema);

    public void Dispose() => _database.Dispose();
}
