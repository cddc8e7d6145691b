using Lodestar.Knowledge.Settings;
using Lodestar.Storage.Sqlite;
using Lodestar.Storage.Sqlite.Knowledge;
using Lodestar.Testing;

namespace Lodestar.Storage.Tests.Knowledge;

public sealed class SqliteKnowledgeBaseSettingsStoreTests : KnowledgeBaseSettingsStoreContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    protected override IKnowledgeBaseSettingsStore CreateStore() => new SqliteKnowledgeBaseSettingsStore(new SqliteDatabase(_directory.Combine("lodestar.db")));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
