using System.CommandLine;
using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Search;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar search "QUERY"</c>: ranked passages the acting user may read.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "What to search for" };
        var knowledgeBase = CommonOptions.KnowledgeBase();
        var user = CommonOptions.User();
        var mode = ModeOption();
        var k = new Option<int>("--k") { Description = "Number of results", DefaultValueFactory = _ => 10 };
        var rerank = RerankOption();
        var command = new Command("search", "Search a knowledge base") { query, knowledgeBase, user, mode, k, rerank };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var principal = await Acting.ResolveAsync(context, context.ParseResult.GetValue(user), "search", Permissions.Read, cancellationToken).ConfigureAwait(false);
            // The knowledge base is the acting user's tenant's: nothing crosses tenants, not even a session id.
            var kb = KnowledgeBaseId.Create(principal.TenantId, context.ParseResult.GetValue(knowledgeBase));
            var hits = await context.GetRequiredService<KnowledgeSearcher>().SearchAsync(
                new SearchRequest(kb, context.ParseResult.GetValue(query)!, principal, context.ParseResult.GetValue(mode), context.ParseResult.GetValue(k), context.ParseResult.GetValue(rerank)), cancellationToken).ConfigureAwait(false);
            var results = hits.Select(hit => new SearchResult(hit.DocumentId, hit.Source, hit.ChunkId, hit.Score, hit.Snippet, hit.Title, hit.HeadingPath)).ToList();
            context.Output(new { results }, _ => Print(results));
            return CliRunner.Success;
        });
        return command;
    }

    public static Option<SearchMode> ModeOption() => new("--mode")
    {
        Description = "Retriever: bm25, dense or hybrid",
        DefaultValueFactory = _ => SearchMode.Bm25,
        CustomParser = result => Enum.TryParse<SearchMode>(result.Tokens.Single().Value, ignoreCase: true, out var parsed)
            ? parsed
            : throw LodestarException.Invalid($"unknown mode '{result.Tokens.Single().Value}': use bm25, dense or hybrid"),
    };

    public static Option<bool> RerankOption() => new("--rerank")
    {
        Description = "Re-score the top candidates with the embedding model (BM25/hybrid score blended with cosine of the best window)",
    };

    private static void Print(IReadOnlyList<SearchResult> results)
    {
        if (results.Count == 0)
        {
            Console.WriteLine("no results");
        }

        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            Console.WriteLine($"{i + 1}. {r.Source}{(r.HeadingPath.Length > 0 ? " › " + r.HeadingPath : string.Empty)}  ({r.Score:0.000})");
            Console.WriteLine($"   {r.Snippet.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>CONTRACT.md search result, extended with the title and heading path.</summary>
    private sealed record SearchResult(string DocumentId, string Source, string ChunkId, double Score, string Snippet, string Title, string HeadingPath);
}
