using System.CommandLine;
using System.Globalization;
using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Models.Registry;
using Lodestar.Models.Tracking;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar models alias|list|runs</c>: the model registry and its tracked runs.</summary>
internal static class ModelCommands
{
    public static Command Create()
    {
        var command = new Command("models", "Inspect the model registry and move aliases");
        command.Subcommands.Add(Alias());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Runs());
        command.Subcommands.Add(Promote());
        command.Subcommands.Add(Requests());
        command.Subcommands.Add(Decide("approve", "Approve a promotion request and move the alias (four eyes: not the requester or the author)"));
        command.Subcommands.Add(Decide("reject", "Reject a promotion request"));
        return command;
    }

    private static Command Promote()
    {
        var name = new Argument<string>("name") { Description = "Registered model name" };
        var alias = new Argument<string>("alias") { Description = "Alias to move, e.g. champion" };
        var version = new Argument<int>("version") { Description = "Version the alias should point to" };
        var comment = new Option<string?>("--comment") { Description = "Why this version should be promoted" };
        var command = new Command("promote", "Request that an alias move to a version; an approver decides (models approve)") { name, alias, version, comment, AsOption };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var principal = await Acting.ResolveAsync(context, context.ParseResult.GetValue(AsOption), "models promote", Permissions.Curate, cancellationToken).ConfigureAwait(false);
            var request = await context.GetRequiredService<PromotionService>().RequestAsync(principal, context.ParseResult.GetValue(name)!, context.ParseResult.GetValue(alias)!,
                context.ParseResult.GetValue(version), context.ParseResult.GetValue(comment), cancellationToken).ConfigureAwait(false);
            context.Output(request, r => Console.Out.WriteLine($"requested {r.Model}@{r.Alias} -> version {r.Version}: request {r.Id} (pending)"));
            return CliRunner.Success;
        });
        return command;
    }

    private static Command Requests()
    {
        var name = new Argument<string>("name") { Description = "Registered model name" };
        var command = new Command("requests", "List the promotion requests of a model, newest first") { name };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var requests = await context.GetRequiredService<PromotionService>().ListAsync(Principal.LocalAdministrator, context.ParseResult.GetValue(name)!, cancellationToken).ConfigureAwait(false);
            context.Output(new { promotions = requests }, _ =>
            {
                foreach (var r in requests)
                {
                    Console.Out.WriteLine($"{r.Id}  {r.Status,-8} {r.Alias} -> v{r.Version}  by {r.RequestedBy} {r.RequestedAt:u}{(r.DecidedBy is { } d ? $"  decided by {d}" : "")}");
                }
            });
            return CliRunner.Success;
        });
        return command;
    }

    private static Command Decide(string verb, string description)
    {
        var name = new Argument<string>("name") { Description = "Registered model name" };
        var id = new Argument<string>("request") { Description = "Promotion request id" };
        var comment = new Option<string?>("--comment") { Description = "Reason recorded with the decision" };
        var command = new Command(verb, description) { name, id, comment, AsOption };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var principal = await Acting.ResolveAsync(context, context.ParseResult.GetValue(AsOption), "models " + verb, Permissions.Administer, cancellationToken).ConfigureAwait(false);
            var promotions = context.GetRequiredService<PromotionService>();
            var (model, request, note) = (context.ParseResult.GetValue(name)!, context.ParseResult.GetValue(id)!, context.ParseResult.GetValue(comment));
            var decided = verb == "approve"
                ? (await promotions.ApproveAsync(principal, model, request, note, cancellationToken).ConfigureAwait(false)).Request
                : await promotions.RejectAsync(principal, model, request, note, cancellationToken).ConfigureAwait(false);
            context.Output(decided, r => Console.Out.WriteLine($"{r.Model}@{r.Alias} -> version {r.Version}: {r.Status.ToString().ToLowerInvariant()} by {r.DecidedBy}"));
            return CliRunner.Success;
        });
        return command;
    }

    private static readonly Option<string?> AsOption = new("--as") { Description = "Act as this user (recorded in the audit trail); default: the local administrator" };

    private static Command Runs()
    {
        var name = new Argument<string>("name") { Description = "Registered model (its experiment has the same name)" };
        var command = new Command("runs", "List the tracked training runs of a model, newest first") { name };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var tracking = context.GetRequiredService<ITrackingStore>();
            var model = ModelNames.Validate(context.ParseResult.GetValue(name)!, "model");
            var experiments = await tracking.ListExperimentsAsync(cancellationToken).ConfigureAwait(false);
            var experiment = experiments.FirstOrDefault(e => e.Name == model)
                ?? throw LodestarException.NotFound($"no runs tracked for model '{model}'");
            var runs = await tracking.ListRunsAsync(experiment.Id, cancellationToken).ConfigureAwait(false);
            context.Output(new { experiment = experiment.Name, runs }, _ =>
            {
                foreach (var run in runs)
                {
                    var metrics = string.Join(" ", run.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}={m.Value:F4}")));
                    Console.Out.WriteLine($"{run.Id}  {run.Status,-8} {run.StartedAt:u}  {run.Name}  {metrics}");
                }
            });
            return CliRunner.Success;
        });
        return command;
    }

    private static Command Alias()
    {
        var name = new Argument<string>("name") { Description = "Registered model name" };
        var alias = new Argument<string>("alias") { Description = "Alias such as champion" };
        var version = new Argument<int>("version") { Description = "Version the alias should point to" };
        var command = new Command("alias", "Point an alias at a version as the local operator, bypassing promotion policies (audited; optimistic concurrency)") { name, alias, version };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var moved = await context.GetRequiredService<ModelRegistry>().SetAliasAsync(
                context.ParseResult.GetValue(name)!, context.ParseResult.GetValue(alias)!, context.ParseResult.GetValue(version), cancellationToken).ConfigureAwait(false);
            await context.GetRequiredService<IAuditLog>().AppendAsync(new AuditEvent(Principal.DefaultTenant, Principal.LocalAdministrator.UserId, "model.alias.override", "model:" + moved.Name,
                RegistryService.AliasDetails(moved)), cancellationToken).ConfigureAwait(false);
            context.Output(moved, m => Console.Out.WriteLine($"{m.Name}@{m.Alias} -> version {m.Version}"));
            return CliRunner.Success;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List registered models with their versions, aliases and metrics");
        command.SetHandler(async (context, cancellationToken) =>
        {
            var models = await context.GetRequiredService<ModelRegistry>().ListAsync(cancellationToken).ConfigureAwait(false);
            var view = models.Select(m => new
            {
                name = m.Name,
                createdAt = m.CreatedAt,
                aliases = m.Aliases,
                versions = m.Versions.Select(v => new { version = v.Version, run = v.RunId, algorithm = v.Algorithm, artifact = v.ArtifactSha256, task = v.Signature.Task.ToString(), metrics = v.Metrics, createdAt = v.CreatedAt }),
            }).ToList();
            context.Output(new { models = view }, _ =>
            {
                foreach (var model in models)
                {
                    var aliases = string.Join(", ", model.Aliases.Select(a => $"{a.Key}->{a.Value}"));
                    Console.Out.WriteLine($"{model.Name}  ({model.Versions.Count} versions{(aliases.Length > 0 ? "; " + aliases : "")})");
                    foreach (var v in model.Versions)
                    {
                        var metrics = string.Join(" ", v.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}={m.Value:F4}")));
                        Console.Out.WriteLine($"  v{v.Version}  {v.Algorithm,-8} {v.CreatedAt:u}  {metrics}");
                    }
                }
            });
            return CliRunner.Success;
        });
        return command;
    }
}
