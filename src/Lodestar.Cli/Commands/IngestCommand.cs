using System.CommandLine;
using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Sync;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar ingest PATH [--kb NAME]</c>: incremental sync of a file or folder.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "File or folder to ingest (recursively)" };
        var knowledgeBase = CommonOptions.KnowledgeBase();
        var command = new Command("ingest", "Ingest a file or folder into a knowledge base (incremental)") { path, knowledgeBase };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var kb = KnowledgeBaseId.Create(Principal.DefaultTenant, context.ParseResult.GetValue(knowledgeBase));
            var ingestion = context.GetRequiredService<IngestionService>();
            var report = await IngestProgressDisplay.RunAsync(
                progress => ingestion.IngestAsync(kb, context.ParseResult.GetValue(path)!, Principal.LocalAdministrator, progress, cancellationToken)).ConfigureAwait(false);
            context.Output(report, Print);
            return CliRunner.Success;
        });
        return command;
    }

    private static void Print(IngestReport report)
    {
        Console.WriteLine($"added {report.Added}, updated {report.Updated}, unchanged {report.Unchanged}, removed {report.Removed}, failed {report.Failed.Count}");
        foreach (var failure in report.Failed)
        {
            Console.WriteLine($"  skipped {failure.Source}: {failure.Reason}");
        }
    }
}
