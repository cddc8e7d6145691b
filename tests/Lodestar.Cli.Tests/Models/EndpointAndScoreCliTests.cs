using System.Text.Json;
using Lodestar.Cli.Tests.Governance;
using Lodestar.Testing;

namespace Lodestar.Cli.Tests.Models;

[Collection("Console")]
public sealed class EndpointAndScoreCliTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly TemporaryDirectory _files = new();

    [Fact]
    public async Task Endpoints_DeployCanaryThenRollBackTwice_DropsCanaryThenReturnsToPrevious()
    {
        await TrainTwoVersionsAsync();

        var first = await _cli.RunAsync("endpoints", "deploy", "scoring", "--model", "m:1");
        var second = await _cli.RunAsync("endpoints", "deploy", "scoring", "--model", "m:2", "--canary", "m:1", "--canary-weight", "20", "--slo-p99-ms", "500");
        var list = await _cli.RunAsync("endpoints", "list", "--json");
        var status = await _cli.RunAsync("endpoints", "status", "scoring");
        var dropCanary = await _cli.RunAsync("endpoints", "rollback", "scoring", "--reason", "drill");
        var backToPrevious = await _cli.RunAsync("endpoints", "rollback", "scoring", "--json");

        Assert.Equal((0, "endpoint scoring: m:1"), (first.ExitCode, first.Out.Trim()));
        Assert.Equal("endpoint scoring: m:2, canary m:1 (20%)", second.Out.Trim());
        using (var endpoints = JsonDocument.Parse(list.Out))
        {
            var endpoint = Assert.Single(endpoints.RootElement.GetProperty("endpoints").EnumerateArray());
            Assert.Equal("scoring", endpoint.GetProperty("name").GetString());
            Assert.Equal(20, endpoint.GetProperty("canaryWeight").GetInt32());
        }

        Assert.Contains("slo: p99 <= 500 ms", status.Out, StringComparison.Ordinal);
        Assert.Equal("endpoint scoring rolled back: m:2", dropCanary.Out.Trim());
        using var rolled = JsonDocument.Parse(backToPrevious.Out);
        Assert.Equal(1, rolled.RootElement.GetProperty("primary").GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "endpoints", "deploy", "e", "--model", "missing" }, 1, "missing")]
    [InlineData(new[] { "endpoints", "deploy", "e", "--model", "m:1", "--canary", "m:2", "--canary-weight", "150" }, 2, "canary weight")]
    [InlineData(new[] { "endpoints", "deploy", "e", "--model", "m:1", "--log-sample-rate", "2" }, 2, "logSampleRate")]
    [InlineData(new[] { "endpoints", "status", "nowhere" }, 1, "no endpoint named 'nowhere'")]
    [InlineData(new[] { "endpoints", "rollback", "nowhere" }, 1, "nowhere")]
    public async Task Endpoints_BadInput_OneLineErrorAndExitCode(string[] args, int exitCode, string message)
    {
        await TrainTwoVersionsAsync();

        var run = await _cli.RunAsync(args);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Score_NewJobThenResumeOfTheDoneJob_WritesEveryRowOnceAndResumeIsANoOp()
    {
        await TrainTwoVersionsAsync();
        var input = _files.Write("batch.csv", ModelCsv.Write(250, 8));
        var output = _files.Combine("out", "scored.csv");

        var run = await _cli.RunAsync("score", "--model", "m:2", "--data", input, "--out", output, "--chunk-rows", "60", "--json");
        using var job = JsonDocument.Parse(run.Out);
        var id = job.RootElement.GetProperty("id").GetString()!;
        var written = await File.ReadAllTextAsync(output);
        var resumed = await _cli.RunAsync("score", "--resume", id);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("completed", job.RootElement.GetProperty("status").GetString());
        Assert.Equal(1.0, job.RootElement.GetProperty("progress").GetDouble());
        Assert.Equal(250, job.RootElement.GetProperty("rowsDone").GetInt64());
        var lines = written.TrimEnd('\n').Split('\n');
        Assert.Equal("x1,x2,color,label,prediction", lines[0]);
        Assert.Equal(251, lines.Length);
        Assert.All(lines.Skip(1), line => Assert.InRange(double.Parse(line[(line.LastIndexOf(',') + 1)..], System.Globalization.CultureInfo.InvariantCulture), 0, 1));
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains($"job {id} completed: 250 rows", resumed.Out, StringComparison.Ordinal);
        Assert.Equal(written, await File.ReadAllTextAsync(output));
        Assert.Empty(Directory.GetDirectories(_files.Combine("out")));
    }

    [Theory]
    [InlineData(new[] { "score", "--model", "m" }, 2, "give --model, --data and --out")]
    [InlineData(new[] { "score", "--resume", "job_nothing" }, 1, "no scoring job 'job_nothing'")]
    [InlineData(new[] { "score", "--model", "m", "--data", "/nonexistent/in.csv", "--out", "o.csv" }, 2, "input file not found")]
    public async Task Score_BadInput_OneLineErrorAndExitCode(string[] args, int exitCode, string message)
    {
        var run = await _cli.RunAsync(args);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    public void Dispose()
    {
        _cli.Dispose();
        _files.Dispose();
    }

    private async Task TrainTwoVersionsAsync()
    {
        var train = _files.Write("train.csv", ModelCsv.Write(300, 1));
        Assert.Equal(0, (await _cli.RunAsync("train", "--data", train, "--target", "label", "--model", "m", "--algo", "logistic")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("train", "--data", train, "--target", "label", "--model", "m")).ExitCode);
    }
}
