using System.CommandLine;

namespace Lodestar.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string?> KnowledgeBase() => new("--kb") { Description = "Knowledge base name (default: default)" };

    public static Option<string?> User() => new("--user") { Description = "Act as this user (an administrator's local impersonation, audited)" };
}
