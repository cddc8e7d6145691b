using Lodestar.Cli;

namespace Lodestar.Cli.Tests.Governance;

/// <summary>Runs the CLI in-process against its own temporary data directory and captures stdout and stderr.</summary>
internal sealed class CliHarness : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lodestar-cli-gov-");

    public string DataDirectory => _directory.FullName;

    public async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        var originalOut = Console.Out;
        var originalError = Console.Error;
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exitCode = await LodestarCli.Build().Parse(["--data", DataDirectory, .. args]).InvokeAsync();
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
