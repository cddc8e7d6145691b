using Lodestar.Observability.Requests;
using Lodestar.Storage.Sqlite.Observability;
using Lodestar.Storage.Tests.Models;

namespace Lodestar.Storage.Tests.Observability;

public sealed class SqliteRequestLogTests : RequestLogContractTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override IRequestLog CreateLog() => new SqliteRequestLog(_database.Database);

    public void Dispose() => _database.Dispose();
}
