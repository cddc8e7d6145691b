using Lodestar.Knowledge.Documents;
using Lodestar.Storage.Sqlite;
using Lodestar.Storage.Sqlite.Knowledge;
using Lodestar.Testing;

namespace Lodestar.Storage.Tests.Knowledge;

public sealed class SqliteKnowledgeStoreTests : KnowledgeStoreContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    protected override IKnowledgeStore CreateStore() => new SqliteKnowledgeStore(new SqliteDatabase(_directory.Combine(Guid.NewGuid().ToString("N") + ".db")));

    public void Dispose() => _directory.Dispose();
}
