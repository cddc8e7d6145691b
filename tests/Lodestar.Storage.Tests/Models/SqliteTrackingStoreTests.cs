using Lodestar.Models.Tracking;
using Lodestar.Storage.Sqlite.Models;

namespace Lodestar.Storage.Tests.Models;

/// <summary>A fresh SQLite database per test, deleted afterwards.</summary>
public sealed class SqliteTrackingStoreTests : TrackingStoreContractTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override ITrackingStore CreateStore() => new SqliteTrackingStore(_database.Database);

    public void Dispose() => _database.Dispose();
}

