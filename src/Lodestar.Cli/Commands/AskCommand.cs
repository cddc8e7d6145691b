using System.CommandLine;
using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Knowledge.Answering;
using Lodestar.Knowledge.Documents;
using Lodestar.Server.Observability;

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
            var principal = await Acting.ResolveAsync(context, context.ParseResult.GetValue(user), "ask", Permissions.Read, cancellationToken).ConfigureAwait(false);
            // The knowledge base is the acting user's tenant's: nothing crosses tenants, not even a session id.
            var kb = KnowledgeBaseId.Create(principal.TenantId, context.ParseResult.GetValue(knowledgeBase));
            var request = new AskRequest(kb, context.ParseResult.GetValue(question)!, principal, ConversationId: context.ParseResult.GetValue(session), Rerank: context.ParseResult.GetValue(rerank));
            var assistant = context.GetRequiredService<KnowledgeAssistant>();
            // Recorded and charged like an HTTP ask: a used-up budget refuses before anything is retrieved.
            var observer = context.GetRequiredService<AskObserver>();
            if (context.Json)
            {
                context.Output(await observer.AskAsync(request, keyId: null, Warn, assistant.AskAsync, cancellationToken).ConfigureAwait(false), Print);
                return CliRunner.Success;
            }

            var stream = new ConsoleAnswerStream();
            var answer = await observer.AskAsync(request, keyId: null, Warn, (ask, token) => assistant.AskStreamingAsync(ask, stream, token), cancellationToken).ConfigureAwait(false);
            Console.WriteLine();
            if (answer.Text != stream.Printed)
            {
                // Validation changed the streamed text (an invalid citation removed, or a fallback after a partial answer).
                Console.WriteLine();
                Console.WriteLine("validated answer:");
                Console.WriteLine(answer.Text);
            }

            PrintSources(answer);
            CliContext.Info($"answer {answer.AnswerId}");
            return CliRunner.Success;
        });
        return command;
    }

    private static void Warn(string budgetWarning) => CliContext.Info("warning: " + budgetWarning);

    private static void Print(Answer answer)
    {
        Console.WriteLine(answer.Text);
        PrintSources(answer);
    }

    private static void PrintSources(Answer answer)
    {
        if (answer.Fallback is { } reason)
        {
            Console.WriteLine($"(the chat model failed: {reason}; this is the extractive answer)");
        }

        if (answer.Uncited)
        {
            Console.WriteLine("(warning: the answer cites none of the sources it was given)");
        }

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
