using Lodestar.Storage.Sqlite;
using Lodestar.Testing;

namespace Lodestar.Storage.Tests.Models;

/// <summary>A SQLite database in its own temp folder, removed on dispose (after SQLite lets go of the file).</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public TemporaryDatabase() => Database = new SqliteDatabase(_directory.Combine("lodestar.db"));

    public SqliteDatabase Database { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
