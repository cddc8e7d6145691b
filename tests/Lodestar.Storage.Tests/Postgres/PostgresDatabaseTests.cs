using Lodestar.Storage.Postgres;
using Npgsql;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresDatabaseTests
{
    [Theory]
    [InlineData("Host=db;Username=lodestar", 3)]
    [InlineData("Host=db;Username=lodestar;Timeout=7", 7)]
    public async Task Constructor_ConnectTimeout_DefaultsShortUnlessGiven(string connectionString, int expectedSeconds)
    {
        await using var database = new PostgresDatabase(connectionString);

        Assert.Equal(expectedSeconds, new NpgsqlConnectionStringBuilder(database.ConnectionString).Timeout);
    }
}
