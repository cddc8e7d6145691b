using System.CommandLine;
using System.Globalization;
using Lodestar.Core;
using Lodestar.Models.Registry;
using Lodestar.Models.Training;
using Lodestar.Models.Validation;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar train</c>: fit a tabular model, track the run, register a new version.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        // This --data names the training CSV; put the global data directory before the command (lodestar --data DIR train ...).
        var data = new Option<string>("--data") { Description = "Training CSV (header row required)", Required = true };
        var target = new Option<string>("--target") { Description = "Column to predict", Required = true };
        var model = new Option<string>("--model") { Description = "Registered model name to add a version to", Required = true };
        var algorithm = new Option<string>("--algo") { Description = "gbdt (default), logistic or linear", DefaultValueFactory = _ => "gbdt" };
        algorithm.AcceptOnlyFromAmong("gbdt", "logistic", "linear");
        var valid = new Option<string?>("--valid") { Description = "Validation CSV; metrics are computed on it when given" };
        var expectations = new Option<string?>("--expectations") { Description = "Expectation suite (JSON) the training data must pass; a failure blocks training" };
        var command = new Command("train", "Train a model on a CSV, log the run and register a new model version") { data, target, model, algorithm, valid, expectations };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var request = new TrainRequest(
                context.ParseResult.GetValue(data)!,
                context.ParseResult.GetValue(target)!,
                context.ParseResult.GetValue(model)!,
                ParseAlgorithm(context.ParseResult.GetValue(algorithm)!),
                context.ParseResult.GetValue(valid),
                context.ParseResult.GetValue(expectations) is { } suite ? await ExpectationSuite.LoadAsync(suite, cancellationToken).ConfigureAwait(false) : null);
            var result = await context.GetRequiredService<RegistryService>().TrainAsync(Principal.LocalAdministrator, request, cancellationToken).ConfigureAwait(false);
            context.Output(result, r =>
            {
                Console.Out.WriteLine($"registered {r.Model} version {r.Version} (run {r.Run})");
                foreach (var (name, value) in r.Metrics)
                {
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-10} {value:F6}"));
                }
            });
            return CliRunner.Success;
        });
        return command;
    }

    private static Algorithm ParseAlgorithm(string text) => text switch
    {
        "gbdt" => Algorithm.Gbdt,
        "logistic" => Algorithm.Logistic,
        "linear" => Algorithm.Linear,
        _ => throw LodestarException.Invalid($"unknown algorithm '{text}' (gbdt, logistic, linear)"),
    };
}
