using Lodestar.Governance.Audit;
using Lodestar.Storage.Sqlite;
using Lodestar.Storage.Sqlite.Governance;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Lodestar.Storage.Tests.Governance;

/// <summary>A throwaway data directory with a real SQLite database and the governance stores over it.</summary>
internal sealed class GovernanceDatabase : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lodestar-gov-");

    public GovernanceDatabase()
    {
        Database = new SqliteDatabase(Path.Combine(_directory.FullName, "lodestar.db"));
        Schema = new GovernanceSchema(Database);
        KeyPath = Path.Combine(_directory.FullName, AuditKeyProvider.FileName);
    }

    public SqliteDatabase Database { get; }

    public GovernanceSchema Schema { get; }

    public string KeyPath { get; }

    /// <summary>A trail with its own schema object and key provider, as a second process would have.</summary>
    public AuditTrail CreateTrail(int checkpointInterval = 100, TimeProvider? timeProvider = null) =>
        new(new SqliteAuditStore(new GovernanceSchema(Database)), new AuditKeyProvider(KeyPath), Options.Create(new AuditOptions { CheckpointInterval = checkpointInterval }),
            timeProvider ?? TimeProvider.System);

    /// <summary>Runs raw SQL against the file, the way an attacker with file access would.</summary>
    public void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database.FilePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
