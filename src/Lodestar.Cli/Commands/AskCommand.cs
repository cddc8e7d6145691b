using System.CommandLine;
using Lodestar.Core;
using Lodestar.Knowledge.Answering;
using Lodestar.Knowledge.Documents;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar ask "QUESTION"</c>: a grounded answer with numbered citations.</summary>
internal static class AskCommand
{
    public static Command Create()
    {
        var question = new Argument<string>("question") { Description = "The question" };
        var knowledgeBase = CommonOptions.KnowledgeBase();
        var user = CommonOptions.User();
        var session = new Option<string?>("--session") { Description = "Conversation id: follow-up questions use its history" };
        var rerank = SearchCommand.RerankOption();
        var command = new Command("ask", "Ask a question; the answer cites its sources") { question, knowledgeBase, user, session, rerank };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var kb = KnowledgeBaseId.Create(Principal.DefaultTenant, context.ParseResult.GetValue(knowledgeBase));
            var principal = await Acting.ResolveAsync(context, context.ParseResult.GetValue(user), "ask", cancellationToken).ConfigureAwait(false);
            var answer = await context.GetRequiredService<KnowledgeAssistant>().AskAsync(
                new AskRequest(kb, context.ParseResult.GetValue(question)!, principal, ConversationId: context.ParseResult.GetValue(session), Rerank: context.ParseResult.GetValue(rerank)), cancellationToken).ConfigureAwait(false);
            context.Output(answer, Print);
            return CliRunner.Success;
        });
        return command;
    }

    private static void Print(Answer answer)
    {
        Console.WriteLine(answer.Text);
        if (answer.Citations.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        foreach (var citation in answer.Citations)
        {
            var heading = citation.HeadingPath.Length > 0 ? " › " + citation.HeadingPath : string.Empty;
            Console.WriteLine($"[{citation.Index}] {citation.Source}{heading}");
            Console.WriteLine($"    \"{citation.Snippet.ReplaceLineEndings(" ")}\"");
        }

        Console.WriteLine($"groundedness {answer.Groundedness:0.00} ({answer.Generator})");
    }
}
