using Lodestar.Storage.Sqlite.Models;

namespace Lodestar.Storage.Tests.Models;

public sealed class SqliteServingStoreTests : ServingStoreContractTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override ServingStores CreateStores()
    {
        var store = new SqliteServingStore(_database.Database);
        return new ServingStores(store, store, store);
    }

    public void Dispose() => _database.Dispose();
}
