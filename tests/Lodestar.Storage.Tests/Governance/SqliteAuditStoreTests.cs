using Lodestar.Governance.Audit;
using Lodestar.Storage.Sqlite.Governance;

namespace Lodestar.Storage.Tests.Governance;

public sealed class SqliteAuditStoreTests : AuditStoreContractTests, IDisposable
{
    private readonly GovernanceDatabase _database = new();

    protected override IAuditStore CreateStore() => new SqliteAuditStore(_database.Schema);

    public void Dispose() => _database.Dispose();
}
