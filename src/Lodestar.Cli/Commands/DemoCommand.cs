using System.CommandLine;
using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Sync;

namespace Lodestar.Cli.Commands;

/// <summary>
/// <c>lodestar demo</c>: ingests the bundled sample knowledge base (the Northwind Robotics handbook plus Lodestar's
/// own README and docs), issues an administrator API key, starts the server and prints the URL.
/// </summary>
internal static class DemoCommand
{
    private const string DemoUser = "demo-admin";

    public static Command Create()
    {
        var urls = ServeCommand.UrlsOption();
        var command = new Command("demo", "Ingest the sample knowledge base and start the server") { urls };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var home = LocateHome();
            var kb = new KnowledgeBaseId(Principal.DefaultTenant, KnowledgeBaseId.DefaultName);
            var ingestion = context.GetRequiredService<IngestionService>();
            foreach (var source in new[] { Path.Combine(home, "samples", "handbook"), Path.Combine(home, "docs"), Path.Combine(home, "README.md") }.Where(p => File.Exists(p) || Directory.Exists(p)))
            {
                var report = await ingestion.IngestAsync(kb, source, Principal.LocalAdministrator, cancellationToken: cancellationToken).ConfigureAwait(false);
                CliContext.Info($"demo: {Path.GetRelativePath(home, source)}: added {report.Added}, updated {report.Updated}, unchanged {report.Unchanged}, failed {report.Failed.Count}");
            }

            var key = await IssueDemoKeyAsync(context, cancellationToken).ConfigureAwait(false);
            await ServeCommand.RunAsync(context, context.ParseResult.GetValue(urls)!, address =>
            {
                Console.WriteLine($"Demo API key (administrator, valid 7 days): {key}");
                Console.WriteLine($"Web console: {address}/console (sign in with the key above)");
                Console.WriteLine($"Try: curl -s -H 'Authorization: Bearer {key}' '{address}/v1/knowledge-bases/default/search?q=rotate+api+key'");
                // The running server owns the index files, so the suggested ask goes through it rather than the CLI.
                Console.WriteLine($"     curl -s -H 'Authorization: Bearer {key}' -H 'Content-Type: application/json' -d '{{\"question\":\"How do I rotate an API key?\"}}' '{address}/v1/knowledge-bases/default/ask'");
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return CliRunner.Success;
        });
        return command;
    }

    private static async Task<string> IssueDemoKeyAsync(CliContext context, CancellationToken cancellationToken)
    {
        var users = context.GetRequiredService<UserDirectory>();
        if (!(await users.ListAsync(Principal.DefaultTenant, cancellationToken).ConfigureAwait(false)).Any(user => user.UserId == DemoUser))
        {
            await users.AddAsync(Principal.LocalAdministrator, new NewUser(DemoUser, Roles: [Role.Admin]), cancellationToken).ConfigureAwait(false);
        }

        var issued = await context.GetRequiredService<ApiKeyService>().CreateAsync(Principal.LocalAdministrator, DemoUser, null, TimeSpan.FromDays(7), cancellationToken).ConfigureAwait(false);
        return issued.Secret;
    }

    /// <summary>The repository root: <c>LODESTAR_HOME</c> (set by ./lodestar), else the nearest folder above holding samples/.</summary>
    private static string LocateHome()
    {
        if (Environment.GetEnvironmentVariable("LODESTAR_HOME") is { Length: > 0 } home && Directory.Exists(Path.Combine(home, "samples")))
        {
            return home;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (Directory.Exists(Path.Combine(directory.FullName, "samples", "handbook")))
                {
                    return directory.FullName;
                }
            }
        }

        throw LodestarException.NotFound("the sample knowledge base (samples/handbook) was not found; run ./lodestar demo from the repository");
    }
}
