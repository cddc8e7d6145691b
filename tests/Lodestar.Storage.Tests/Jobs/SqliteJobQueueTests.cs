using Lodestar.Core.Jobs;
using Lodestar.Storage.Jobs;
using Lodestar.Storage.Tests.Models;

namespace Lodestar.Storage.Tests.Jobs;

/// <summary>Every "node" opens the same database file with its own <see cref="Sqlite.SqliteDatabase"/>, as separate processes would.</summary>
public sealed class SqliteJobQueueTests : JobQueueContractTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override IJobQueue CreateQueue() => new SqliteJobQueue(new Sqlite.SqliteDatabase(_database.Database.FilePath), TimeProvider.System);

    public void Dispose() => _database.Dispose();
}
