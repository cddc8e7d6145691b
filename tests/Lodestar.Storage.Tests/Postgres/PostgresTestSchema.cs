using Lodestar.Storage.Postgres;
using Lodestar.Testing;
using Npgsql;

namespace Lodestar.Storage.Tests.Postgres;

/// <summary>A fresh schema in the shared test cluster (its own search path, so tests never see each other's rows), dropped on dispose.</summary>
internal sealed class PostgresTestSchema : IAsyncDisposable
{
    private readonly string _name = "t_" + Guid.NewGuid().ToString("N");
    private readonly List<PostgresDatabase> _databases = [];

    public PostgresTestSchema()
    {
        using var connection = new NpgsqlConnection(PostgresCluster.Shared.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE SCHEMA {_name}", connection);
        command.ExecuteNonQuery();
        ConnectionString = PostgresCluster.Shared.ConnectionString + ";Search Path=" + _name;
    }

    public string ConnectionString { get; }

    /// <summary>A database handle with its own pool, as a separate node would have.</summary>
    public PostgresDatabase Open()
    {
        var database = new PostgresDatabase(ConnectionString);
        _databases.Add(database);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(PostgresCluster.Shared.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA {_name} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
