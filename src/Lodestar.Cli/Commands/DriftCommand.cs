using System.CommandLine;
using System.Globalization;
using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Models.Monitoring;
using Lodestar.Models.Registry;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar drift</c>: column-wise data drift between a reference and a current CSV.</summary>
internal static class DriftCommand
{
    public static Command Create()
    {
        var reference = new Option<string?>("--reference") { Description = "Reference CSV (e.g. the training data); or use --model" };
        var model = new Option<string?>("--model") { Description = "NAME[@ALIAS|:VERSION]: compare with that version's stored training data, store the report and run the model's drift rules" };
        var current = new Option<string>("--current") { Description = "Current CSV to compare", Required = true };
        var method = new Option<string?>("--method") { Description = "One method for all columns: ks, chisquare, wasserstein, jensenshannon, psi, kl (default: by type and size)" };
        var columnMethods = new Option<string[]>("--column-method") { Description = "COLUMN=METHOD, repeatable; wins over --method", AllowMultipleArgumentsPerToken = false };
        var bins = new Option<int>("--bins") { Description = "Equal-width bins for numeric columns in jensenshannon, psi, kl", DefaultValueFactory = _ => 30 };
        var threshold = new Option<double?>("--threshold") { Description = "Drift threshold (default 0.05 for p-values, 0.1 for distances)" };
        var share = new Option<double>("--dataset-share") { Description = "Share of drifted columns that makes the dataset drift", DefaultValueFactory = _ => 0.5 };
        var command = new Command("drift", "Detect data drift per column (Evidently defaults) and for the dataset")
        {
            reference, model, current, method, columnMethods, bins, threshold, share,
        };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var parse = context.ParseResult;
            var options = new DriftOptions
            {
                Method = parse.GetValue(method) is { } name ? DriftMethods.Parse(name) : null,
                ColumnMethods = ParseColumnMethods(parse.GetValue(columnMethods) ?? []),
                Bins = parse.GetValue(bins),
                Threshold = parse.GetValue(threshold),
                DatasetDriftShare = parse.GetValue(share),
            };
            var report = await DetectAsync(context, parse.GetValue(model), parse.GetValue(reference), parse.GetValue(current)!, options, cancellationToken).ConfigureAwait(false);
            context.Output(report, r =>
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dataset drift: {(r.DatasetDrift ? "YES" : "no")} ({r.DriftedShare:P0} of {r.Columns.Count} columns)"));
                foreach (var (name, column) in r.Columns)
                {
                    var p = column.PValue is { } value ? string.Create(CultureInfo.InvariantCulture, $" p={value:G4}") : "";
                    var statistic = column.Statistic is { } s ? s.ToString("G4", CultureInfo.InvariantCulture) : "inf";
                    Console.Out.WriteLine($"  {(column.Drift ? "DRIFT" : "ok   ")} {name,-24} {column.Method,-13} {column.Kind,-11} stat={statistic}{p}");
                }
            });
            return CliRunner.Success;
        });
        return command;
    }

    private static async Task<DriftReport> DetectAsync(CliContext context, string? model, string? reference, string current, DriftOptions options, CancellationToken cancellationToken)
    {
        if (model is null)
        {
            var referenceData = await TabularDataset.LoadCsvAsync(reference ?? throw LodestarException.Invalid("give --reference REF.csv or --model NAME"), cancellationToken).ConfigureAwait(false);
            return DriftDetector.Detect(referenceData, await TabularDataset.LoadCsvAsync(current, cancellationToken).ConfigureAwait(false), options);
        }

        var parsed = ModelReference.Parse(model);
        var stored = await context.GetRequiredService<DriftMonitorService>().RunAsync(Principal.LocalAdministrator, parsed.Name,
            new DriftRunRequest(parsed.Alias ?? parsed.Version?.ToString(CultureInfo.InvariantCulture), current, options), cancellationToken).ConfigureAwait(false);
        foreach (var action in stored.Actions)
        {
            CliContext.Info($"rule {action.Action}: {(action.Succeeded ? "done" : "failed")}: {action.Outcome}");
        }

        return stored.Report;
    }

    private static Dictionary<string, DriftMethod> ParseColumnMethods(string[] pairs)
    {
        var methods = new Dictionary<string, DriftMethod>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.LastIndexOf('=');
            if (equals <= 0 || equals == pair.Length - 1)
            {
                throw LodestarException.Invalid($"--column-method expects COLUMN=METHOD, got '{pair}'");
            }

            methods[pair[..equals]] = DriftMethods.Parse(pair[(equals + 1)..]);
        }

        return methods;
    }
}
