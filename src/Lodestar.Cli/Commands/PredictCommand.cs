using System.CommandLine;
using Lodestar.Models.Data;
using Lodestar.Models.Registry;
using Lodestar.Models.Validation;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar predict</c>: batch-score a CSV with a registered model.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "NAME (latest), NAME@ALIAS or NAME:VERSION", Required = true };
        var data = new Option<string>("--data") { Description = "CSV to score; it needs the model's input columns", Required = true };
        var output = new Option<string?>("--out") { Description = "Write the input columns plus a prediction column to this CSV (atomically)" };
        var expectations = new Option<string?>("--expectations") { Description = "Expectation suite (JSON) the data must pass; a failure blocks scoring" };
        var command = new Command("predict", "Score a CSV with a registered model (probability of the positive class for classifiers)") { model, data, output, expectations };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var registry = context.GetRequiredService<ModelRegistry>();
            var version = await registry.ResolveAsync(ModelReference.Parse(context.ParseResult.GetValue(model)!), cancellationToken).ConfigureAwait(false);
            var trained = await registry.LoadAsync(version, cancellationToken).ConfigureAwait(false);
            var input = context.ParseResult.GetValue(data)!;
            var dataset = await TabularDataset.LoadCsvAsync(input, cancellationToken).ConfigureAwait(false);
            if (context.ParseResult.GetValue(expectations) is { } suite)
            {
                DataValidator.Validate(dataset, await ExpectationSuite.LoadAsync(suite, cancellationToken).ConfigureAwait(false)).ThrowIfFailed("scoring");
            }

            var predictions = trained.Predict(dataset);
            if (context.ParseResult.GetValue(output) is { } path)
            {
                await PredictionCsv.WriteAsync(input, path, predictions, cancellationToken).ConfigureAwait(false);
                CliContext.Info($"wrote {predictions.Length} predictions to {path}");
            }

            context.Output(new PredictOutput(predictions.Length, predictions), r =>
            {
                if (context.ParseResult.GetValue(output) is null)
                {
                    foreach (var p in r.Predictions)
                    {
                        Console.Out.WriteLine(p.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
            });
            return CliRunner.Success;
        });
        return command;
    }

    private sealed record PredictOutput(int Rows, double[] Predictions);
}
