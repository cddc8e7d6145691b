using Lodestar.Models.Monitoring;
using Lodestar.Storage.Sqlite.Models;
using Lodestar.Storage.Tests.Models;

namespace Lodestar.Storage.Tests.Monitoring;

public sealed class SqliteDriftStoreTests : DriftStoreContractTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override IDriftStore CreateStore() => new SqliteDriftStore(_database.Database);

    public void Dispose() => _database.Dispose();
}
