using System.CommandLine;

namespace Lodestar.Cli.Commands;

/// <summary>Every top-level command, in help order.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All() => [TrainCommand.Create(), PredictCommand.Create(), ModelCommands.Create(), DriftCommand.Create()];
}
