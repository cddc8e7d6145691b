using Lodestar.Observability.Alerts;
using Lodestar.Storage.Sqlite.Observability;
using Lodestar.Storage.Tests.Models;

namespace Lodestar.Storage.Tests.Observability;

public sealed class SqliteAlertStoreTests : AlertStoreContractTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override IAlertStore CreateStore() => new SqliteAlertStore(_database.Database);

    public void Dispose() => _database.Dispose();
}
