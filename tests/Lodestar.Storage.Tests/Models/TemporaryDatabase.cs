using Lodestar.Storage.Sqlite;

namespace Lodestar.Storage.Tests.Models;

/// <summary>A SQLite database in its own temp folder, removed on dispose.</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lodestar-models-" + Guid.NewGuid().ToString("N"));

    public TemporaryDatabase() => Database = new SqliteDatabase(Path.Combine(_directory, "lodestar.db"));

    public SqliteDatabase Database { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
