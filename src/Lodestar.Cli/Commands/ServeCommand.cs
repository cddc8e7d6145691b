using System.CommandLine;
using Lodestar.Server;
using Lodestar.Server.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar serve [--urls URL]</c>: the HTTP API and web console.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Option<string> UrlsOption() => new("--urls") { Description = "Listen URLs (port 0 picks a free port)", DefaultValueFactory = _ => DefaultUrls };

    public static Command Create()
    {
        var urls = UrlsOption();
        var command = new Command("serve", "Run the HTTP API and web console") { urls };
        command.SetHandler(async (context, cancellationToken) =>
        {
            await RunAsync(context, context.ParseResult.GetValue(urls)!, onStarted: null, cancellationToken).ConfigureAwait(false);
            return CliRunner.Success;
        });
        return command;
    }

    /// <summary>Starts the server, prints where it listens, and runs until cancelled (Ctrl-C).</summary>
    public static async Task RunAsync(CliContext context, string urls, Func<string, Task>? onStarted, CancellationToken cancellationToken)
    {
        // The server composes its own services; release the command's first so only one owner opens the indexes.
        await context.DisposeAsync().ConfigureAwait(false);
        await using var app = LodestarServer.Build(new LodestarServerOptions { Host = new LodestarHostOptions { DataDirectory = context.Data.Root, Store = context.Store }, Urls = urls });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? urls;
        Console.WriteLine($"Lodestar is listening on {address}");
        if (onStarted is not null)
        {
            await onStarted(address).ConfigureAwait(false);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine("stopping");
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
