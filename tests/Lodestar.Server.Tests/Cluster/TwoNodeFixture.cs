using Lodestar.Testing;

namespace Lodestar.Server.Tests.Cluster;

/// <summary>Two nodes (separate processes, own data directories) on one database of the shared test PostgreSQL, started once per class.</summary>
public sealed class TwoNodeFixture : IAsyncLifetime
{
    internal LodestarCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await LodestarCluster.StartAsync(PostgresCluster.Shared, nodes: 2);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
