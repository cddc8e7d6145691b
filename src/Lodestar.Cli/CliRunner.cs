using System.CommandLine;
using Lodestar.Core;

namespace Lodestar.Cli;

/// <summary>Runs a command body with one error policy: expected failures print one line to stderr and a non-zero exit code.</summary>
internal static class CliRunner
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;
    public const int Cancelled = 130;

    /// <summary>Attaches <paramref name="body"/> as the command's action.</summary>
    public static void SetHandler(this Command command, Func<CliContext, CancellationToken, Task<int>> body)
    {
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, body, cancellationToken));
    }

    private static async Task<int> RunAsync(ParseResult parseResult, Func<CliContext, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            await using var context = new CliContext(parseResult);
            return await body(context, cancellationToken).ConfigureAwait(false);
        }
        catch (LodestarException error)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            return error.Kind == ErrorKind.Invalid ? InvalidInput : Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return Cancelled;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            return Failure;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A bug, not bad input: one line for the user, the stack trace only on request.
            await Console.Error.WriteLineAsync($"error: unexpected {error.GetType().Name}: {error.Message}").ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("LODESTAR_DEBUG") is { Length: > 0 })
            {
                await Console.Error.WriteLineAsync(error.ToString()).ConfigureAwait(false);
            }

            return Failure;
        }
    }
}
