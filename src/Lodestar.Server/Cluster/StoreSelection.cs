using Lodestar.Core;

namespace Lodestar.Server.Cluster;

/// <summary>The store a node runs on: <c>--store</c>/<c>--connection</c>, else env <c>LODESTAR_STORE</c>/<c>LODESTAR_PG_CONNECTION</c>, else SQLite.</summary>
public sealed record StoreSelection(StoreKind Kind, string? PostgresConnection)
{
    public const string StoreVariable = "LODESTAR_STORE";
    public const string ConnectionVariable = "LODESTAR_PG_CONNECTION";

    public static StoreSelection Sqlite { get; } = new(StoreKind.Sqlite, null);

    public static StoreSelection FromEnvironment() => Resolve(null, null);

    /// <summary>Command-line values win over the environment; a bad value is a clear user error.</summary>
    public static StoreSelection Resolve(string? store, string? connection)
    {
        store ??= Environment.GetEnvironmentVariable(StoreVariable);
        connection ??= Environment.GetEnvironmentVariable(ConnectionVariable);
        var kind = string.IsNullOrWhiteSpace(store) ? StoreKind.Sqlite : store.Trim().ToLowerInvariant() switch
        {
            "sqlite" => StoreKind.Sqlite,
            "postgres" or "postgresql" => StoreKind.Postgres,
            _ => throw LodestarException.Invalid($"unknown store '{store}': use sqlite or postgres"),
        };
        if (kind == StoreKind.Sqlite)
        {
            return Sqlite;
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            throw LodestarException.Invalid($"--store postgres needs a connection string: --connection \"Host=...;Username=...;Database=...\" or {ConnectionVariable}");
        }

        return new StoreSelection(kind, connection);
    }
}
