using System.CommandLine;
using System.Globalization;
using Lodestar.Knowledge;
using Lodestar.Knowledge.Evaluation;
using Lodestar.Knowledge.Search;
using Lodestar.Server.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar eval --dataset DIR</c>: retrieval quality on a BEIR-format collection, in a scratch store.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "BEIR-format folder (corpus.jsonl, queries.jsonl, qrels/SPLIT.tsv)", Required = true };
        var split = new Option<string>("--split") { Description = "Qrels split", DefaultValueFactory = _ => "test" };
        var mode = SearchCommand.ModeOption();
        var noChunking = new Option<bool>("--no-chunking") { Description = "Index each corpus document as one unit (one encoder input)" };
        var perQuery = new Option<bool>("--per-query") { Description = "Include per-query metrics" };
        var runFile = new Option<string?>("--run") { Description = "Write the run to this TREC run file" };
        var work = new Option<string?>("--work") { Description = "Keep the scratch store in this folder and reuse it on the next run (default: a temporary folder, deleted)" };
        var denseWeight = new Option<double?>("--dense-weight") { Description = "Hybrid fusion: weight of the dense ranking (default: the configured one)" };
        var fusion = new Option<FusionMethod?>("--fusion") { Description = "Hybrid fusion: weighted or reciprocal (default: the configured one)" };
        var rerank = SearchCommand.RerankOption();
        var rerankWeight = new Option<double?>("--rerank-weight") { Description = "Rerank: weight of the embedding cosine (default: the configured one)" };
        var rerankDepth = new Option<int?>("--rerank-depth") { Description = "Rerank: first-stage candidates re-scored (default: the configured one)" };
        var command = new Command("eval", "Measure retrieval quality (nDCG@10, Recall@100, MRR@10, MAP) on a BEIR dataset") { dataset, split, mode, noChunking, perQuery, runFile, work, denseWeight, fusion, rerank, rerankWeight, rerankDepth };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var data = BeirDataset.Load(context.ParseResult.GetValue(dataset)!, context.ParseResult.GetValue(split)!);
            var kept = context.ParseResult.GetValue(work);
            var scratch = kept is null ? Directory.CreateTempSubdirectory("lodestar-eval-") : Directory.CreateDirectory(kept);
            try
            {
                var selectedMode = context.ParseResult.GetValue(mode);
                var reranked = context.ParseResult.GetValue(rerank);
                // BM25 runs need no vectors: skip embedding the whole corpus.
                var embeddings = selectedMode == SearchMode.Bm25 && !reranked ? EmbeddingSource.None : EmbeddingSource.Auto;
                var services = new ServiceCollection().AddLodestar(new LodestarHostOptions { DataDirectory = scratch.FullName, Embeddings = embeddings });
                if (context.ParseResult.GetValue(noChunking))
                {
                    // One unit per document means one encoder input too, as the reference measurements did.
                    services.Configure<KnowledgeOptions>(options => options.EmbeddingWindowWords = 0);
                }

                if (context.ParseResult.GetValue(fusion) is { } method)
                {
                    services.Configure<KnowledgeOptions>(options => options.HybridFusion = method);
                }

                if (context.ParseResult.GetValue(denseWeight) is { } weight)
                {
                    services.Configure<KnowledgeOptions>(options => options.HybridDenseWeight = weight);
                }

                if (context.ParseResult.GetValue(rerankWeight) is { } alpha)
                {
                    services.Configure<KnowledgeOptions>(options => options.RerankWeight = alpha);
                }

                if (context.ParseResult.GetValue(rerankDepth) is { } candidates)
                {
                    services.Configure<KnowledgeOptions>(options => options.RerankDepth = candidates);
                }

                await using var provider = services.BuildServiceProvider();
                var evaluator = provider.GetRequiredService<RetrievalEvaluator>();
                var result = await evaluator.RunAsync(data, selectedMode, !context.ParseResult.GetValue(noChunking), reranked, new Progress<string>(CliContext.Info), cancellationToken).ConfigureAwait(false);
                if (context.ParseResult.GetValue(runFile) is { } path)
                {
                    await using var writer = new StreamWriter(path);
                    TrecRunWriter.Write(writer, result.Run, "lodestar-" + selectedMode.ToString().ToLowerInvariant());
                }

                var report = result.Report;
                var summary = new Dictionary<string, object>
                {
                    ["queries"] = report.Queries,
                    ["ndcg@10"] = report.NdcgAt10,
                    ["recall@100"] = report.RecallAt100,
                    ["mrr@10"] = report.MrrAt10,
                    ["map"] = report.Map,
                    ["mode"] = selectedMode.ToString().ToLowerInvariant(),
                    ["rerank"] = reranked,
                };
                if (context.ParseResult.GetValue(perQuery))
                {
                    summary["perQuery"] = report.PerQuery;
                }

                context.Output(summary, _ => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"queries {report.Queries}  nDCG@10 {report.NdcgAt10:0.0000}  R@100 {report.RecallAt100:0.0000}  MRR@10 {report.MrrAt10:0.0000}  MAP {report.Map:0.0000}")));
                return CliRunner.Success;
            }
            finally
            {
                if (kept is null)
                {
                    scratch.Delete(recursive: true);
                }
            }
        });
        return command;
    }
}
