using Lodestar.Observability.Costs;
using Lodestar.Storage.Sqlite.Observability;
using Lodestar.Storage.Tests.Models;

namespace Lodestar.Storage.Tests.Observability;

public sealed class SqliteUsageStoreTests : UsageStoreContractTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override IUsageStore CreateStore() => new SqliteUsageStore(_database.Database);

    public void Dispose() => _database.Dispose();
}
