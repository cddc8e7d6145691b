using System.CommandLine;
using Lodestar.Cli.Commands;

namespace Lodestar.Cli;

/// <summary>Builds the command tree. Each command group lives in <c>Commands/</c> and only composes capabilities.</summary>
public static class LodestarCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Lodestar: a self-hosted enterprise AI platform");
        root.Options.Add(GlobalOptions.Data);
        root.Options.Add(GlobalOptions.Json);
        root.Options.Add(GlobalOptions.Store);
        root.Options.Add(GlobalOptions.Connection);
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static Task<int> RunAsync(string[] args) => Build().Parse(args).InvokeAsync();
}
