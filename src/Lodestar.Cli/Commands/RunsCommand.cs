using System.CommandLine;
using System.Globalization;
using Lodestar.Core;
using Lodestar.Models.Tracking;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar runs list|show|compare</c>: tracked experiments and runs, side by side.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var command = new Command("runs", "Inspect tracked experiments and runs; compare runs side by side");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Compare());
        return command;
    }

    private static Command List()
    {
        var experiment = new Argument<string?>("experiment") { Description = "Experiment name (a registered model's runs are in the experiment of the same name); omit to list experiments", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("list", "List experiments, or the runs of one experiment (newest first)") { experiment };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var tracking = context.GetRequiredService<TrackingService>();
            var principal = Principal.LocalAdministrator;
            if (context.ParseResult.GetValue(experiment) is not { } name)
            {
                var experiments = await tracking.ListExperimentsAsync(principal, cancellationToken).ConfigureAwait(false);
                context.Output(new { experiments }, _ =>
                {
                    foreach (var e in experiments)
                    {
                        Console.Out.WriteLine($"{e.Id}  {e.Name}");
                    }
                });
                return CliRunner.Success;
            }

            var found = await tracking.GetExperimentAsync(principal, null, name, cancellationToken).ConfigureAwait(false);
            var runs = await tracking.SearchRunsAsync(principal, [found.Id], 1000, cancellationToken).ConfigureAwait(false);
            context.Output(new { experiment = found.Name, runs }, _ =>
            {
                foreach (var run in runs)
                {
                    var metrics = string.Join(" ", run.Metrics.Select(m => m.Key).Distinct().Select(k => string.Create(CultureInfo.InvariantCulture, $"{k}={RunComparison.Latest(run, k)!.Value:G6}")));
                    Console.Out.WriteLine($"{run.Id}  {run.Status,-8} {run.StartedAt:u}  {run.Name}  {metrics}");
                }
            });
            return CliRunner.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("run") { Description = "Run id" };
        var command = new Command("show", "Show one run: params, latest metrics, tags, lineage and artifacts") { id };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var tracking = context.GetRequiredService<TrackingService>();
            var run = await tracking.GetRunAsync(Principal.LocalAdministrator, context.ParseResult.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            var artifacts = await tracking.ListArtifactsAsync(Principal.LocalAdministrator, run.Id, cancellationToken).ConfigureAwait(false);
            context.Output(new { run, artifacts }, _ =>
            {
                Console.Out.WriteLine($"run {run.Id} ({run.Name})  {run.Status}  started {run.StartedAt:u}{(run.EndedAt is { } end ? $"  ended {end:u}" : "")}");
                Console.Out.WriteLine($"  data sha256 {(run.DatasetSha256.Length > 0 ? run.DatasetSha256 : "-")}  code {(run.CodeVersion.Length > 0 ? run.CodeVersion : "-")}");
                Section("params", run.Params.Select(p => (p.Key, p.Value)));
                Section("metrics", run.Metrics.Select(m => m.Key).Distinct().Select(k => (k, RunComparison.Latest(run, k)!.Value.ToString("G6", CultureInfo.InvariantCulture))));
                Section("tags", run.Tags.Select(t => (t.Key, t.Value)));
                Section("artifacts", artifacts.Select(a => (a.Path, $"{a.Length} bytes sha256 {a.Sha256[..12]}")));
            });
            return CliRunner.Success;
        });
        return command;
    }

    private static Command Compare()
    {
        var ids = new Argument<string[]>("runs") { Description = "Two or more run ids", Arity = ArgumentArity.OneOrMore };
        var command = new Command("compare", "Params and latest metrics of runs side by side (--json adds every metric's curve)") { ids };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var comparison = await context.GetRequiredService<TrackingService>().CompareAsync(Principal.LocalAdministrator, context.ParseResult.GetValue(ids)!, cancellationToken).ConfigureAwait(false);
            context.Output(comparison, Print);
            return CliRunner.Success;
        });
        return command;
    }

    /// <summary>A plain text table: one column per run (short ids), one row per param then per metric.</summary>
    private static void Print(RunComparison comparison)
    {
        string[] header = ["", .. comparison.Runs.Select(r => r.Length > 8 ? r[..8] : r)];
        var rows = new List<string[]> { header };
        rows.AddRange(comparison.Params.Select(p => (string[])[$"param {p.Key}", .. p.Value.Select(v => v ?? "-")]));
        rows.AddRange(comparison.Metrics.Select(m => (string[])[$"metric {m.Key}", .. m.Value.Select(v => v is { } x ? x.ToString("G6", CultureInfo.InvariantCulture) : "-")]));
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            Console.Out.WriteLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }
    }

    private static void Section(string title, IEnumerable<(string Key, string Value)> entries)
    {
        Console.Out.WriteLine($"  {title}:");
        foreach (var (key, value) in entries)
        {
            Console.Out.WriteLine($"    {key,-24} {value}");
        }
    }
}
