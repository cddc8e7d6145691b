using System.Text;
using Lodestar.Cli;

namespace Lodestar.Cli.Tests.Models;

/// <summary>Runs the CLI in-process against a private data directory, capturing stdout and stderr.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Root = Path.Combine(Path.GetTempPath(), "lodestar-cli-models-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string File(string name, string content)
    {
        var path = Path.Combine(Root, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Global --data comes first: after a command, --data is that command's own input file.</summary>
    public async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter(new StringBuilder());
        var stderr = new StringWriter(new StringBuilder());
        var (previousOut, previousError) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var exit = await LodestarCli.Build().Parse(["--data", DataDirectory, .. args]).InvokeAsync();
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}
