using Lodestar.Testing;

namespace Lodestar.Server.Tests.Cluster;

/// <summary>A PostgreSQL server of its own for the fault tests (they restart it, which must not disturb other test classes).</summary>
public sealed class ClusterFixture : IDisposable
{
    public PostgresCluster Postgres { get; } = new();

    public void Dispose() => Postgres.Dispose();
}
