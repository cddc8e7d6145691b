using System.CommandLine;
using Lodestar.Core;
using Lodestar.Knowledge.Documents;

namespace Lodestar.Cli.Commands;

/// <summary><c>acl get|set|clear DOCUMENT</c>: the same ACL overrides as <c>PUT /v1/knowledge-bases/{kb}/documents/{id}/acl</c>.</summary>
internal static class AclCommands
{
    public static Command Create()
    {
        var acl = new Command("acl", "Show, override or clear a document's ACL (overrides outrank sidecar files until cleared)");
        acl.Subcommands.Add(Build("get", "Show a document's effective ACL and where it comes from", withSubjects: false, (access, kb, id, _, _, ct) => access.GetAsync(kb, id, ct)));
        acl.Subcommands.Add(Build("set", "Override a document's ACL", withSubjects: true, (access, kb, id, allow, deny, ct) => access.SetAsync(kb, id, allow, deny, Principal.LocalAdministrator, cancellationToken: ct)));
        acl.Subcommands.Add(Build("clear", "Remove the override and restore the ingested ACL", withSubjects: false, (access, kb, id, _, _, ct) => access.ClearAsync(kb, id, Principal.LocalAdministrator, cancellationToken: ct)));
        return acl;
    }

    private static Command Build(
        string name, string description, bool withSubjects,
        Func<DocumentAccessService, KnowledgeBaseId, string, string[], string[], CancellationToken, Task<DocumentAccess>> run)
    {
        var id = new Argument<string>("DOCUMENT") { Description = "Document id (see search --json)" };
        var knowledgeBase = CommonOptions.KnowledgeBase();
        var tenant = new Option<string?>("--tenant") { Description = $"Tenant (default {Principal.DefaultTenant})" };
        var allow = new Option<string?>("--allow") { Description = "Comma-separated user:ID / group:NAME (empty: the whole tenant)" };
        var deny = new Option<string?>("--deny") { Description = "Comma-separated user:ID / group:NAME; deny wins" };
        var command = new Command(name, description) { id, knowledgeBase, tenant };
        if (withSubjects)
        {
            command.Options.Add(allow);
            command.Options.Add(deny);
        }

        command.SetHandler(async (context, ct) =>
        {
            var result = context.ParseResult;
            if (withSubjects && result.GetValue(allow) is null && result.GetValue(deny) is null)
            {
                throw LodestarException.Invalid("give --allow and/or --deny (an empty --allow \"\" means the whole tenant)");
            }

            var kb = KnowledgeBaseId.Create(result.GetValue(tenant) ?? Principal.DefaultTenant, result.GetValue(knowledgeBase));
            var access = await run(context.GetRequiredService<DocumentAccessService>(), kb, result.GetValue(id)!, Split(result.GetValue(allow)), Split(result.GetValue(deny)), ct).ConfigureAwait(false);
            context.Output(access, a => Console.Out.WriteLine(
                $"{a.DocumentId}: allow {Show(a.Allow, "everyone in the tenant")}, deny {Show(a.Deny, "nobody")} ({a.Source}{(a.SetBy is null ? string.Empty : " by " + a.SetBy)})"));
            return CliRunner.Success;
        });
        return command;
    }

    private static string[] Split(string? text) => text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Show(IReadOnlyList<string> subjects, string none) => subjects.Count == 0 ? none : string.Join(',', subjects);
}
