using Lodestar.Observability.Answers;
using Lodestar.Storage.Sqlite.Observability;
using Lodestar.Storage.Tests.Models;

namespace Lodestar.Storage.Tests.Observability;

public sealed class SqliteAnswerRecordStoreTests : AnswerRecordStoreContractTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override IAnswerRecordStore CreateStore() => new SqliteAnswerRecordStore(_database.Database);

    public void Dispose() => _database.Dispose();
}
