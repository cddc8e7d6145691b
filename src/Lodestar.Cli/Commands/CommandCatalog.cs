using System.CommandLine;

namespace Lodestar.Cli.Commands;

/// <summary>Every top-level command, in help order.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All() =>
    [
        IngestCommand.Create(),
        SearchCommand.Create(),
        AskCommand.Create(),
        EvalCommand.Create(),
        ServeCommand.Create(),
        DemoCommand.Create(),
        UserCommands.CreateUsers(),
        UserCommands.CreateKeys(),
        AuditCommands.Create(),
        TrainCommand.Create(),
        PredictCommand.Create(),
        ModelCommands.Create(),
        DriftCommand.Create(),
        RunsCommand.Create(),
        ValidateCommand.Create(),
        EndpointCommands.Create(),
        ScoreCommand.Create(),
        TenantCommands.Create(),
        AclCommands.Create(),
        StatusCommand.Create(),
        KnowledgeBaseCommands.Create(),
    ];
}
