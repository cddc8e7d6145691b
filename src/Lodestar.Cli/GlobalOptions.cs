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
}
