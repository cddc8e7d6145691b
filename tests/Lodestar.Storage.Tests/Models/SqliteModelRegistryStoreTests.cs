using Lodestar.Models.Registry;
using Lodestar.Storage.Sqlite.Models;

namespace Lodestar.Storage.Tests.Models;

/// <summary>A fresh SQLite database per test, deleted afterwards.</summary>
public sealed class SqliteModelRegistryStoreTests : ModelRegistryStoreContractTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override IModelRegistryStore CreateStore() => new SqliteModelRegistryStore(_database.Database);

    public void Dispose() => _database.Dispose();
}
