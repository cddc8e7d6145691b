using Lodestar.Models.Registry;
using Lodestar.Storage.Sqlite.Models;

namespace Lodestar.Storage.Tests.Models;

/// <summary>A fresh SQLite database per test, deleted afterwards.</summary>
public sealed class SqliteModelGovernanceStoreTests : ModelGovernanceStoreContractTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override IModelGovernanceStore CreateStore() => new SqliteModelGovernanceStore(_database.Database);

    public void Dispose() => _database.Dispose();
}
