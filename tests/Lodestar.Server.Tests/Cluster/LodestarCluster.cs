using System.Security.Cryptography;
using System.Text.Json;
using Lodestar.Testing;
using Npgsql;

namespace Lodestar.Server.Tests.Cluster;

/// <summary>
/// Several nodes on one fresh PostgreSQL database, each a separate process with its own data directory (shared nothing
/// but the database and the environment), with short job leases and follower polls so faults resolve in seconds.
/// </summary>
internal sealed class LodestarCluster : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly Dictionary<string, string> _environment;

    private LodestarCluster(string connectionString)
    {
        _environment = new Dictionary<string, string>
        {
            ["LODESTAR_STORE"] = "postgres",
            ["LODESTAR_PG_CONNECTION"] = connectionString,
            ["LODESTAR_AUDIT_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["LODESTAR_EMBEDDINGS"] = "none",
            ["LODESTAR_JOB_LEASE_SECONDS"] = "2",
            ["LODESTAR_JOB_POLL_SECONDS"] = "0.2",
            ["LODESTAR_FOLLOW_POLL_SECONDS"] = "1",
            // Rollback drills deploy canaries that fail on purpose.
            ["LODESTAR_SERVING_FAULT_INJECTION"] = "true",
        };
    }

    public List<ClusterNode> Nodes { get; } = [];

    /// <summary>A curator's API key, valid on every node (keys live in the shared database).</summary>
    public string ApiKey { get; private set; } = string.Empty;

    public string Root => _directory.Path;

    public static async Task<LodestarCluster> StartAsync(PostgresCluster postgres, int nodes)
    {
        var database = "lodestar_" + Guid.NewGuid().ToString("N");
        // Unpooled: a pooled connection would be dead after a test restarted the server.
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var cluster = new LodestarCluster(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = database, Timeout = 3 }.ConnectionString);
        cluster.ApiKey = await cluster.CreateKeyAsync("curator", "curator,member");

        var starting = Enumerable.Range(0, nodes).Select(i => ClusterNode.StartAsync(cluster._directory.Combine("node" + i), cluster._environment)).ToList();
        try
        {
            await Task.WhenAll(starting);
            cluster.Nodes.AddRange(starting.Select(task => task.Result));
            await Task.WhenAll(cluster.Nodes.Select(node => node.WaitReadyAsync(TimeSpan.FromSeconds(60))));
        }
        catch
        {
            // Nodes that did start must not outlive a failed test.
            cluster.Nodes.Clear();
            cluster.Nodes.AddRange(starting.Where(task => task.IsCompletedSuccessfully).Select(task => task.Result));
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Adds a user with <paramref name="roles"/> (comma-separated) through the CLI on the shared database and returns a new API key of theirs.</summary>
    public async Task<string> CreateKeyAsync(string user, string roles)
    {
        var admin = _directory.Combine("admin");
        // The nodes' 3 s connect timeout makes requests fail fast during an outage; set-up commands on a busy machine get longer.
        var environment = new Dictionary<string, string>(_environment)
        {
            ["LODESTAR_PG_CONNECTION"] = new NpgsqlConnectionStringBuilder(_environment["LODESTAR_PG_CONNECTION"]) { Timeout = 30 }.ConnectionString,
        };
        await ClusterNode.Cli.RunAsync(["--data", admin, "users", "add", user, "--roles", roles], environment);
        using var key = JsonDocument.Parse(await ClusterNode.Cli.RunAsync(["--data", admin, "--json", "keys", "create", "--user", user], environment));
        return key.RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>Writes <paramref name="count"/> one-paragraph Markdown files; file i carries the word <c>Groups[i % Groups.Length]</c>.</summary>
    public string WriteCorpus(string name, int count)
    {
        for (var i = 0; i < count; i++)
        {
            _directory.Write(Path.Combine(name, $"doc{i:D5}.md"),
                $"# Note {i}\n\nThe zebra ledger entry {i} belongs to group {Groups[i % Groups.Length]}. It records routine facts about quarterly planning and travel.\n");
        }

        return _directory.Combine(name);
    }

    public static readonly string[] Groups = ["alpha", "bravo", "charlie", "delta", "echo"];

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        _directory.Dispose();
    }
}
