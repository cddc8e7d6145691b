using Lodestar.Models.Tracking;
using Lodestar.Storage.Sqlite.Models;

namespace Lodestar.Storage.Tests.Models;

public sealed class SqliteRunArtifactStoreTests : RunArtifactStoreContractTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override IRunArtifactStore CreateStore() => new SqliteRunArtifactStore(_database.Database);

    public void Dispose() => _database.Dispose();
}
