using System.CommandLine;
using Lodestar.Models.Data;
using Lodestar.Models.Validation;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar validate</c>: check a CSV against an expectation suite; exit code 1 when an expectation fails.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        // --data is taken by the training CSV here as in train; put the global data directory before the command.
        var data = new Option<string>("--data") { Description = "CSV to validate", Required = true };
        var expectations = new Option<string>("--expectations") { Description = "Expectation suite (JSON)", Required = true };
        var command = new Command("validate", "Check a CSV against declarative expectations (not null, ranges, sets, uniqueness, regex, row count, distribution bounds)") { data, expectations };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var suite = await ExpectationSuite.LoadAsync(context.ParseResult.GetValue(expectations)!, cancellationToken).ConfigureAwait(false);
            var dataset = await TabularDataset.LoadCsvAsync(context.ParseResult.GetValue(data)!, cancellationToken).ConfigureAwait(false);
            var report = DataValidator.Validate(dataset, suite);
            context.Output(report, Print);
            return report.Success ? CliRunner.Success : CliRunner.Failure;
        });
        return command;
    }

    private static void Print(ValidationReport report)
    {
        Console.Out.WriteLine($"suite {report.Suite}: {(report.Success ? "PASSED" : "FAILED")} on {report.Rows} rows");
        foreach (var result in report.Results)
        {
            var e = result.Expectation;
            var first = result.FirstFailedRow is { } row ? $" (first at data row {row + 1})" : "";
            Console.Out.WriteLine($"  {(result.Success ? "ok  " : "FAIL")} {e.Type,-16} {e.Column ?? "-",-20} {result.Observed}{first}");
        }
    }
}
