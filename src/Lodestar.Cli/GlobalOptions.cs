using System.CommandLine;

namespace Lodestar.Cli;

/// <summary>Options every command takes (CONTRACT.md: <c>--data</c>, <c>--json</c>).</summary>
internal static class GlobalOptions
{
    public static Option<string?> Data { get; } = new("--data")
    {
        Description = "Data directory of the embedded store (default: $LODESTAR_DATA, else ./.lodestar-data)",
        Recursive = true,
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Print exactly one JSON document on stdout",
        Recursive = true,
    };

    public static Option<string?> Store { get; } = new("--store")
    {
        Description = "System of record: sqlite (default, embedded) or postgres (shared by several nodes); default $LODESTAR_STORE",
        Recursive = true,
    };

    public static Option<string?> Connection { get; } = new("--connection")
    {
        Description = "PostgreSQL connection string for --store postgres (default $LODESTAR_PG_CONNECTION)",
        Recursive = true,
    };
}
