using Lodestar.Server.Cluster;
using Lodestar.Storage.Postgres;
using Lodestar.Storage.Postgres.Secrets;
using Lodestar.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Lodestar.Server.Tests.Cluster;

/// <summary>The console's cookie keys on PostgreSQL: what one node seals, another node (its own pool and key cache) opens.</summary>
public sealed class SharedKeyRepositoryTests : IAsyncLifetime
{
    private readonly string _schema = "k_" + Guid.NewGuid().ToString("N");
    private readonly List<ServiceProvider> _nodes = [];

    [Fact]
    public async Task Unprotect_PayloadSealedByOtherNode_OpensOnBoth()
    {
        var (first, second) = (Protector(), Protector());

        var fromFirst = first.Protect("session of alice");
        var fromSecond = second.Protect("session of bob");

        Assert.Equal("session of alice", second.Unprotect(fromFirst));
        Assert.Equal("session of bob", first.Unprotect(fromSecond));
        // Keys live in the database, and the second node used the first node's key instead of minting its own.
        Assert.Single(await _nodes[0].GetRequiredService<PostgresKeyRing>().ListAsync("data-protection"));
    }

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresCluster.Shared.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.GetRequiredService<PostgresDatabase>().DisposeAsync();
            await node.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(PostgresCluster.Shared.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA {_schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>One node's data protection as the console sets it up, with its keys in the shared database.</summary>
    private IDataProtector Protector()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new PostgresDatabase(PostgresCluster.Shared.ConnectionString + ";Search Path=" + _schema));
        services.AddSingleton<PostgresKeyRing>();
        services.AddDataProtection().SetApplicationName("lodestar-console");
        services.AddSharedDataProtectionKeys();
        var node = services.BuildServiceProvider();
        _nodes.Add(node);
        return node.GetRequiredService<IDataProtectionProvider>().CreateProtector("console-cookie");
    }
}
