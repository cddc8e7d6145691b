namespace Lodestar.Server.Cluster;

/// <summary>Which system of record a node uses.</summary>
public enum StoreKind
{
    /// <summary>The embedded SQLite file in the data directory: one node.</summary>
    Sqlite,

    /// <summary>A shared PostgreSQL server: several nodes, each with its own data directory for index files.</summary>
    Postgres,
}
