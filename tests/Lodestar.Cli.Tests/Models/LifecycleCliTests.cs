using System.Text.Json;
using Lodestar.Cli.Tests.Governance;
using Lodestar.Testing;

namespace Lodestar.Cli.Tests.Models;

[Collection("Console")]
public sealed class LifecycleCliTests : IDisposable
{
    private const string Suite = """{"name":"loans","expectations":[{"type":"not_null","column":"x1"},{"type":"between","column":"x1","min":-2,"max":2},{"type":"in_set","column":"color","values":["red","green","blue"]},{"type":"row_count","min":100}]}""";
    private readonly CliHarness _cli = new();
    private readonly TemporaryDirectory _files = new();

    [Fact]
    public async Task RunsCompare_TwoTrainings_TableAndJson()
    {
        var train = _files.Write("train.csv", ModelCsv.Write(300, 1));
        var a = Run(await _cli.RunAsync("train", "--data", train, "--target", "label", "--model", "m", "--algo", "logistic", "--json"));
        var b = Run(await _cli.RunAsync("train", "--data", train, "--target", "label", "--model", "m", "--json"));

        var table = await _cli.RunAsync("runs", "compare", a, b);
        var json = await _cli.RunAsync("runs", "compare", a, b, "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("param algorithm", table.Out, StringComparison.Ordinal);
        Assert.Contains("logistic", table.Out, StringComparison.Ordinal);
        Assert.Contains("metric train_auc", table.Out, StringComparison.Ordinal);
        using var comparison = JsonDocument.Parse(json.Out);
        Assert.Equal(["logistic", "gbdt"], comparison.RootElement.GetProperty("params").GetProperty("algorithm").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Validate_PassingAndFailingData_ExitCodesAndReport()
    {
        var suite = _files.Write("suite.json", Suite);
        var good = _files.Write("good.csv", ModelCsv.Write(200, 2));
        var shifted = _files.Write("shifted.csv", ModelCsv.Write(200, 3, shift: 3));

        var passed = await _cli.RunAsync("validate", "--data", good, "--expectations", suite);
        var failed = await _cli.RunAsync("validate", "--data", shifted, "--expectations", suite, "--json");

        Assert.Equal(0, passed.ExitCode);
        Assert.Contains("PASSED", passed.Out, StringComparison.Ordinal);
        Assert.Equal(1, failed.ExitCode);
        using var report = JsonDocument.Parse(failed.Out);
        Assert.False(report.RootElement.GetProperty("success").GetBoolean());
        var between = report.RootElement.GetProperty("results")[1];
        Assert.False(between.GetProperty("success").GetBoolean());
        Assert.True(between.GetProperty("failed").GetInt32() > 100);
    }

    [Fact]
    public async Task Train_FailingExpectations_BlocksTraining()
    {
        var suite = _files.Write("suite.json", Suite);
        var shifted = _files.Write("shifted.csv", ModelCsv.Write(200, 3, shift: 3));

        var run = await _cli.RunAsync("train", "--data", shifted, "--target", "label", "--model", "m", "--expectations", suite);
        var list = await _cli.RunAsync("models", "list", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("training blocked", run.Error, StringComparison.Ordinal);
        Assert.Equal("""{"models":[]}""", list.Out.Trim());
    }

    [Fact]
    public async Task Predict_FailingExpectations_BlocksScoring()
    {
        var suite = _files.Write("suite.json", Suite);
        var train = _files.Write("train.csv", ModelCsv.Write(300, 1));
        var shifted = _files.Write("shifted.csv", ModelCsv.Write(200, 3, shift: 3));
        var output = _files.Combine("scored.csv");
        await _cli.RunAsync("train", "--data", train, "--target", "label", "--model", "m", "--algo", "logistic");

        var run = await _cli.RunAsync("predict", "--model", "m", "--data", shifted, "--expectations", suite, "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("scoring blocked", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task PromoteApprove_NeedsASecondPerson()
    {
        var train = _files.Write("train.csv", ModelCsv.Write(300, 1));
        await _cli.RunAsync("train", "--data", train, "--target", "label", "--model", "m", "--algo", "logistic");
        await _cli.RunAsync("users", "add", "carol", "--roles", "curator");
        await _cli.RunAsync("users", "add", "ada", "--roles", "admin");
        using var requested = JsonDocument.Parse((await _cli.RunAsync("models", "promote", "m", "champion", "1", "--as", "carol", "--json")).Out);
        var id = requested.RootElement.GetProperty("id").GetString()!;

        var self = await _cli.RunAsync("models", "approve", "m", id, "--as", "carol");
        var approved = await _cli.RunAsync("models", "approve", "m", id, "--as", "ada");
        var list = await _cli.RunAsync("models", "list", "--json");

        Assert.NotEqual(0, self.ExitCode);
        Assert.Equal(0, approved.ExitCode);
        Assert.Equal(1, JsonDocument.Parse(list.Out).RootElement.GetProperty("models")[0].GetProperty("aliases").GetProperty("champion").GetInt32());
    }

    [Fact]
    public async Task DriftModel_UsesStoredTrainingDataAsReference()
    {
        var train = _files.Write("train.csv", ModelCsv.Write(300, 1));
        await _cli.RunAsync("train", "--data", train, "--target", "label", "--model", "m", "--algo", "logistic");
        var current = _files.Write("current.csv", ModelCsv.Write(300, 4, shift: 1.5));

        var run = await _cli.RunAsync("drift", "--model", "m", "--current", current, "--json");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Out);
        Assert.True(report.RootElement.GetProperty("columns").GetProperty("x1").GetProperty("drift").GetBoolean());
        Assert.False(report.RootElement.GetProperty("columns").TryGetProperty("label", out _));
    }

    public void Dispose()
    {
        _cli.Dispose();
        _files.Dispose();
    }

    private static string Run((int ExitCode, string Out, string Error) result) => JsonDocument.Parse(result.Out).RootElement.GetProperty("run").GetString()!;
}
