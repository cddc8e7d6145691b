using System.CommandLine;
using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Indexes;
using Lodestar.Knowledge.Sync;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar status</c>: how far a knowledge base's indexes have caught up, and which embedding model built its vectors.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var knowledgeBase = CommonOptions.KnowledgeBase();
        var command = new Command("status", "Show a knowledge base's index progress and embedding model") { knowledgeBase };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var kb = KnowledgeBaseId.Create(Principal.DefaultTenant, context.ParseResult.GetValue(knowledgeBase));
            var status = await context.GetRequiredService<IngestionService>().StatusAsync(kb, cancellationToken).ConfigureAwait(false);
            context.Output(status, Print);
            return CliRunner.Success;
        });
        return command;
    }

    private static void Print(KnowledgeBaseStatus status)
    {
        Console.WriteLine($"changes      {status.LatestSequence}");
        Console.WriteLine($"bm25         {status.LexicalSequence}/{status.LatestSequence}{(status.LexicalCurrent ? " (current)" : string.Empty)}, analyzer {status.LexicalAnalyzer}"
            + (status.LexicalAnalyzer == status.ConfiguredAnalyzer ? string.Empty : $" (configured: {status.ConfiguredAnalyzer}, rebuilt on next use)"));
        if (status.ConfiguredEmbeddingModel is null)
        {
            Console.WriteLine("vectors      off (no embedding model configured)");
            return;
        }

        var model = status.EmbeddingModel == status.ConfiguredEmbeddingModel ? status.EmbeddingModel : $"{status.EmbeddingModel ?? "none"} (configured: {status.ConfiguredEmbeddingModel})";
        Console.WriteLine($"vectors      {status.VectorSequence}/{status.LatestSequence}{(status.VectorsCurrent ? " (current)" : string.Empty)}, {status.VectorDimensions}-d, model {model}");
        if (status.Reembedding is { } build)
        {
            Console.WriteLine($"re-embedding {build.Model}: {Math.Min(build.ChunksDone, build.ChunksTotal)}/{build.ChunksTotal} chunks{(build.Running ? string.Empty : " (paused; resumes on the next query or job)")}");
        }

        if (status.Indexing)
        {
            Console.WriteLine("indexing     in progress");
        }
    }
}
