using System.CommandLine;
using System.Globalization;
using Lodestar.Core;
using Lodestar.Models.Serving;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar endpoints deploy|list|status|rollback</c>: model endpoints, as the local administrator.</summary>
internal static class EndpointCommands
{
    public static Command Create()
    {
        var command = new Command("endpoints", "Deploy registered models to named endpoints, inspect them, roll them back");
        command.Subcommands.Add(Deploy());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Rollback());
        return command;
    }

    private static Command Deploy()
    {
        var name = new Argument<string>("name") { Description = "Endpoint name" };
        var model = new Option<string>("--model") { Description = "NAME, NAME@ALIAS or NAME:VERSION taking the traffic", Required = true };
        var canary = new Option<string?>("--canary") { Description = "A second version taking --canary-weight percent of the traffic" };
        var weight = new Option<int>("--canary-weight") { Description = "Canary share of traffic, 1-99 (default 10)", DefaultValueFactory = _ => 10 };
        var shadow = new Option<string?>("--shadow") { Description = "A version receiving a mirror of the traffic (answers discarded)" };
        var p99 = new Option<double?>("--slo-p99-ms") { Description = "Canary p99 latency limit in ms (default 250)" };
        var errors = new Option<double?>("--slo-error-rate") { Description = "Canary error-rate limit, 0-1 (default 0.05)" };
        var minimum = new Option<int?>("--slo-min-requests") { Description = "Requests in the window before the SLO is judged (default 20)" };
        var window = new Option<int?>("--slo-window-seconds") { Description = "SLO window in seconds (default 60)" };
        var batch = new Option<int?>("--max-batch-size") { Description = "Rows scored together at most (default 64)" };
        var wait = new Option<int?>("--max-wait-ms") { Description = "Longest wait for a fuller batch under load (default 1)" };
        var concurrency = new Option<int?>("--max-concurrency") { Description = "Requests in flight before 429 (default 512)" };
        var sample = new Option<double?>("--log-sample-rate") { Description = "Share of predictions logged, 0-1 (default 0.1)" };
        var command = new Command("deploy", "Deploy a model version (or alias) to an endpoint; loads and warms it up first")
        {
            name, model, canary, weight, shadow, p99, errors, minimum, window, batch, wait, concurrency, sample,
        };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var r = context.ParseResult;
            EndpointSlo? slo = null;
            if (r.GetValue(p99) is not null || r.GetValue(errors) is not null || r.GetValue(minimum) is not null || r.GetValue(window) is not null)
            {
                var defaults = new EndpointSlo();
                slo = new EndpointSlo(r.GetValue(p99) ?? defaults.P99Ms, r.GetValue(errors) ?? defaults.MaxErrorRate, r.GetValue(minimum) ?? defaults.MinRequests, r.GetValue(window) ?? defaults.WindowSeconds);
            }

            var request = new DeployRequest(
                r.GetValue(model)!,
                r.GetValue(canary) is { } c ? new TrafficRequest(c, r.GetValue(weight)) : null,
                r.GetValue(shadow) is { } s ? new TrafficRequest(s) : null,
                slo,
                r.GetValue(batch),
                r.GetValue(wait),
                r.GetValue(concurrency),
                r.GetValue(sample));
            var deployed = await context.GetRequiredService<ModelServing>().DeployAsync(Principal.LocalAdministrator, r.GetValue(name)!, request, cancellationToken).ConfigureAwait(false);
            context.Output(deployed, d => Console.Out.WriteLine($"endpoint {d.Name}: {Describe(d)}"));
            return CliRunner.Success;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List endpoints and what they serve");
        command.SetHandler(async (context, cancellationToken) =>
        {
            var endpoints = await context.GetRequiredService<ModelServing>().ListAsync(Principal.LocalAdministrator, cancellationToken).ConfigureAwait(false);
            context.Output(new { endpoints }, _ =>
            {
                foreach (var endpoint in endpoints)
                {
                    Console.Out.WriteLine($"{endpoint.Name}  {Describe(endpoint)}");
                }
            });
            return CliRunner.Success;
        });
        return command;
    }

    private static Command Status()
    {
        var name = new Argument<string>("name") { Description = "Endpoint name" };
        var command = new Command("status", "Show an endpoint's deployment, SLO and last rollback") { name };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var status = await context.GetRequiredService<ModelServing>().GetStatusAsync(Principal.LocalAdministrator, context.ParseResult.GetValue(name)!, cancellationToken).ConfigureAwait(false);
            context.Output(status, s =>
            {
                var d = s.Deployment;
                Console.Out.WriteLine($"endpoint {d.Name}: {Describe(d)}");
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"slo: p99 <= {d.Slo.P99Ms} ms, error rate <= {d.Slo.MaxErrorRate:P1}, judged after {d.Slo.MinRequests} requests in {d.Slo.WindowSeconds}s"));
                Console.Out.WriteLine($"last rollback: {d.LastRollback ?? "none"}");
            });
            return CliRunner.Success;
        });
        return command;
    }

    private static Command Rollback()
    {
        var name = new Argument<string>("name") { Description = "Endpoint name" };
        var reason = new Option<string?>("--reason") { Description = "Why (recorded in the audit trail)" };
        var command = new Command("rollback", "Drop the canary, or return to the previous version when there is none") { name, reason };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var rolled = await context.GetRequiredService<ModelServing>().RollbackAsync(Principal.LocalAdministrator, context.ParseResult.GetValue(name)!, context.ParseResult.GetValue(reason), cancellationToken).ConfigureAwait(false);
            context.Output(rolled, d => Console.Out.WriteLine($"endpoint {d.Name} rolled back: {Describe(d)}"));
            return CliRunner.Success;
        });
        return command;
    }

    private static string Describe(EndpointDeployment d) =>
        $"{d.Primary}"
        + (d.Canary is { } c ? $", canary {c} ({d.CanaryWeight}%)" : string.Empty)
        + (d.Shadow is { } s ? $", shadow {s}" : string.Empty);
}
