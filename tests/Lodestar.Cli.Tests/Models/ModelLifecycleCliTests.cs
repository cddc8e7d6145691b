using System.Text.Json;
using Lodestar.Cli.Tests.Governance;
using Lodestar.Testing;

namespace Lodestar.Cli.Tests.Models;

[Collection("Console")]
public sealed class ModelLifecycleCliTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly TemporaryDirectory _files = new();

    [Fact]
    public async Task TrainPredictAliasList_EndToEnd_JsonContract()
    {
        var train = _files.Write("train.csv", ModelCsv.Write(600, 1));
        var valid = _files.Write("valid.csv", ModelCsv.Write(300, 2));

        var trained = await _cli.RunAsync("train", "--data", train, "--target", "label", "--model", "churn", "--valid", valid, "--json");
        var second = await _cli.RunAsync("train", "--data", train, "--target", "label", "--model", "churn", "--algo", "logistic", "--json");

        Assert.Equal(0, trained.ExitCode);
        using var result = JsonDocument.Parse(trained.Out);
        Assert.Equal("churn", result.RootElement.GetProperty("model").GetString());
        Assert.Equal(1, result.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(32, result.RootElement.GetProperty("run").GetString()!.Length);
        Assert.True(result.RootElement.GetProperty("metrics").GetProperty("auc").GetDouble() > 0.9);
        Assert.True(result.RootElement.GetProperty("metrics").TryGetProperty("logloss", out _));
        Assert.Equal(2, JsonDocument.Parse(second.Out).RootElement.GetProperty("version").GetInt32());

        var alias = await _cli.RunAsync("models", "alias", "churn", "champion", "1");
        var byAlias = await _cli.RunAsync("predict", "--model", "churn@champion", "--data", valid, "--json");
        var byVersion = await _cli.RunAsync("predict", "--model", "churn:1", "--data", valid, "--json");
        var latest = await _cli.RunAsync("predict", "--model", "churn", "--data", valid, "--json");
        var list = await _cli.RunAsync("models", "list", "--json");

        Assert.Equal(0, alias.ExitCode);
        using var predictions = JsonDocument.Parse(byAlias.Out);
        Assert.Equal(300, predictions.RootElement.GetProperty("rows").GetInt32());
        Assert.All(predictions.RootElement.GetProperty("predictions").EnumerateArray(), p => Assert.InRange(p.GetDouble(), 0, 1));
        Assert.Equal(byAlias.Out, byVersion.Out);
        Assert.NotEqual(byAlias.Out, latest.Out);
        using var models = JsonDocument.Parse(list.Out);
        var model = models.RootElement.GetProperty("models")[0];
        Assert.Equal(1, model.GetProperty("aliases").GetProperty("champion").GetInt32());
        Assert.Equal(2, model.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task Runs_AfterTraining_ShowsFinishedRunWithLineage()
    {
        var train = _files.Write("train.csv", ModelCsv.Write(300, 8));
        var trained = await _cli.RunAsync("train", "--data", train, "--target", "label", "--model", "m", "--json");
        var runId = JsonDocument.Parse(trained.Out).RootElement.GetProperty("run").GetString();

        var runs = await _cli.RunAsync("models", "runs", "m", "--json");

        Assert.Equal(0, runs.ExitCode);
        using var document = JsonDocument.Parse(runs.Out);
        var run = document.RootElement.GetProperty("runs").EnumerateArray().Single();
        Assert.Equal(runId, run.GetProperty("id").GetString());
        Assert.Equal("finished", run.GetProperty("status").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(train))), run.GetProperty("datasetSha256").GetString());
        Assert.Equal("gbdt", run.GetProperty("params").GetProperty("algorithm").GetString());
        Assert.Equal("m:1", run.GetProperty("tags").GetProperty("registered_model").GetString());
        Assert.Contains(run.GetProperty("metrics").EnumerateArray(), m => m.GetProperty("key").GetString() == "train_auc");
    }

    [Fact]
    public async Task Predict_Out_WritesInputColumnsPlusPrediction()
    {
        var train = _files.Write("train.csv", ModelCsv.Write(400, 3));
        var score = _files.Write("score.csv", ModelCsv.Write(50, 4));
        var output = _files.Combine("scored.csv");
        await _cli.RunAsync("train", "--data", train, "--target", "label", "--model", "m");

        var run = await _cli.RunAsync("predict", "--model", "m", "--data", score, "--out", output);

        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(output);
        var input = File.ReadAllLines(score);
        Assert.Equal(51, lines.Length);
        Assert.Equal(input[0] + ",prediction", lines[0]);
        Assert.StartsWith(input[10] + ",", lines[10], StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_files.Path, "*.tmp"));
    }

    [Theory]
    [InlineData("missing-target", "label\n", "not found")]
    [InlineData("ragged", "x1,x2,color,label\n1,2,red,yes\n3,4,blue\n", "line 3 has 3 fields")]
    [InlineData("empty", "", "empty")]
    [InlineData("linear-text-target", "x1,x2,color,label\n1,2,red,yes\n3,4,blue,no\n", "not numeric")]
    public async Task Train_BadCsv_OneLineErrorAndNothingRegistered(string name, string content, string message)
    {
        var path = name == "missing-target"
            ? _files.Write("data.csv", "x1,x2,color,outcome\n1,2,red,yes\n3,4,blue,no\n")
            : _files.Write("data.csv", content);
        string[] args = name == "linear-text-target"
            ? ["train", "--data", path, "--target", "label", "--model", "m", "--algo", "linear"]
            : ["train", "--data", path, "--target", "label", "--model", "m"];

        var run = await _cli.RunAsync(args);
        var list = await _cli.RunAsync("models", "list", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal("""{"models":[]}""", list.Out.Trim());
    }

    [Fact]
    public async Task Predict_UnknownModel_FailsWithNotFound()
    {
        var data = _files.Write("data.csv", ModelCsv.Write(10, 5));

        var run = await _cli.RunAsync("predict", "--model", "ghost@champion", "--data", data);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ghost", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drift_Json_HasContractShape()
    {
        var reference = _files.Write("ref.csv", ModelCsv.Write(300, 6));
        var current = _files.Write("cur.csv", ModelCsv.Write(300, 7, shift: 1.5));

        var run = await _cli.RunAsync("drift", "--reference", reference, "--current", current, "--json", "--column-method", "color=psi");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Out);
        Assert.Equal(report.RootElement.GetProperty("driftedShare").GetDouble() >= 0.5, report.RootElement.GetProperty("datasetDrift").GetBoolean());
        var x1 = report.RootElement.GetProperty("columns").GetProperty("x1");
        Assert.Equal("ks", x1.GetProperty("method").GetString());
        Assert.True(x1.GetProperty("drift").GetBoolean());
        Assert.True(x1.GetProperty("pvalue").GetDouble() < 0.05);
        var color = report.RootElement.GetProperty("columns").GetProperty("color");
        Assert.Equal("psi", color.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, color.GetProperty("pvalue").ValueKind);
    }

    public void Dispose()
    {
        _cli.Dispose();
        _files.Dispose();
    }
}
