using System.CommandLine;
using System.Globalization;
using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Models.Monitoring;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar drift</c>: column-wise data drift between a reference and a current CSV.</summary>
internal static class DriftCommand
{
    public static Command Create()
    {
        var reference = new Option<string>("--reference") { Description = "Reference CSV (e.g. the training data)", Required = true };
        var current = new Option<string>("--current") { Description = "Current CSV to compare", Required = true };
        var method = new Option<string?>("--method") { Description = "One method for all columns: ks, chisquare, wasserstein, jensenshannon, psi, kl (default: by type and size)" };
        var columnMethods = new Option<string[]>("--column-method") { Description = "COLUMN=METHOD, repeatable; wins over --method", AllowMultipleArgumentsPerToken = false };
        var bins = new Option<int>("--bins") { Description = "Equal-width bins for numeric columns in jensenshannon, psi, kl", DefaultValueFactory = _ => 30 };
        var threshold = new Option<double?>("--threshold") { Description = "Drift threshold (default 0.05 for p-values, 0.1 for distances)" };
        var share = new Option<double>("--dataset-share") { Description = "Share of drifted columns that makes the dataset drift", DefaultValueFactory = _ => 0.5 };
        var command = new Command("drift", "Detect data drift per column (Evidently defaults) and for the dataset")
        {
            reference, current, method, columnMethods, bins, threshold, share,
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
            var referenceData = await TabularDataset.LoadCsvAsync(parse.GetValue(reference)!, cancellationToken).ConfigureAwait(false);
            var currentData = await TabularDataset.LoadCsvAsync(parse.GetValue(current)!, cancellationToken).ConfigureAwait(false);
            var report = DriftDetector.Detect(referenceData, currentData, options);
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
