using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Models.Registry;
using Lodestar.Models.Scoring;
using Lodestar.Server.Tests.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Tests.Serving;

public sealed class ScoringJobTests
{
    [Fact]
    public async Task RunAsync_WholeFile_WritesInputPlusPredictionsEqualToDirectScoring()
    {
        await using var server = await LoopbackServer.StartAsync();
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var input = ChurnData.WriteCsv(server.DataDirectory, "batch.csv", 1000, 21);
        var output = Path.Combine(server.DataDirectory, "out", "scored.csv");
        var runner = server.Services.GetRequiredService<ScoringJobRunner>();

        var job = await runner.CreateAsync(Principal.LocalAdministrator, "churn:1", input, output, chunkRows: 300);
        var done = await runner.RunAsync(job);

        var expected = await DirectPredictionsAsync(server, input);
        var scored = await TabularDataset.LoadCsvAsync(output);
        Assert.Equal(ScoringJobStatus.Completed, done.Status);
        Assert.Equal((1000L, 1000L), (done.TotalRows, done.RowsDone));
        Assert.Equal(["tenure", "spend", "plan", "churned", "prediction"], scored.Columns.Select(c => c.Name));
        Assert.Equal(expected, scored.Get("prediction").Numbers);
        Assert.False(Directory.Exists($"{output}.parts-{job.Id}"));
    }

    [Fact]
    public async Task RunAsync_InterruptedMidway_LeavesNoOutputAndResumesToTheSameResult()
    {
        await using var server = await LoopbackServer.StartAsync();
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var input = ChurnData.WriteCsv(server.DataDirectory, "batch.csv", 1000, 22);
        var output = Path.Combine(server.DataDirectory, "scored.csv");
        var runner = server.Services.GetRequiredService<ScoringJobRunner>();
        var job = await runner.CreateAsync(Principal.LocalAdministrator, "churn:1", input, output, chunkRows: 250);
        using var crash = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            runner.RunAsync(job, new SynchronousProgress(p => { if (p.RowsDone >= 500) { crash.Cancel(); } }), crash.Token));
        var interrupted = await runner.GetAsync(Principal.LocalAdministrator, job.Id);
        Assert.False(File.Exists(output));
        Assert.Equal((ScoringJobStatus.Running, 500L), (interrupted.Status, interrupted.RowsDone));

        var resumed = await runner.RunAsync(interrupted);

        Assert.Equal(ScoringJobStatus.Completed, resumed.Status);
        Assert.Equal(await DirectPredictionsAsync(server, input), (await TabularDataset.LoadCsvAsync(output)).Get("prediction").Numbers);
    }

    [Fact]
    public async Task RunAsync_InputChangedBeforeResume_FailsWithAClearError()
    {
        await using var server = await LoopbackServer.StartAsync();
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var input = ChurnData.WriteCsv(server.DataDirectory, "batch.csv", 100, 23);
        var runner = server.Services.GetRequiredService<ScoringJobRunner>();
        var job = await runner.CreateAsync(Principal.LocalAdministrator, "churn", input, Path.Combine(server.DataDirectory, "o.csv"));
        await File.AppendAllTextAsync(input, "1,2,pro,no\n");

        var error = await Assert.ThrowsAsync<LodestarException>(() => runner.RunAsync(job));

        Assert.Contains("changed since the job started", error.Message, StringComparison.Ordinal);
        Assert.Equal(ScoringJobStatus.Failed, (await runner.GetAsync(Principal.LocalAdministrator, job.Id)).Status);
    }

    [Fact]
    public async Task HttpJob_RunsInTheBackground_AndReportsCompletion()
    {
        await using var server = await LoopbackServer.StartAsync();
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var input = ChurnData.WriteCsv(server.DataDirectory, "batch.csv", 500, 24);
        var output = Path.Combine(server.DataDirectory, "http-scored.csv");
        var curator = await server.ClientForAsync("carol", [Role.Curator]);

        var created = await curator.PostAsJsonAsync("/v1/scoring-jobs", new { model = "churn@missing", input, output });
        Assert.Equal(HttpStatusCode.NotFound, created.StatusCode);
        created = await curator.PostAsJsonAsync("/v1/scoring-jobs", new { model = "churn:2", input, output });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        JsonElement job = default;
        for (var i = 0; i < 400; i++)
        {
            job = await curator.GetFromJsonAsync<JsonElement>($"/v1/scoring-jobs/{id}");
            if (job.GetProperty("status").GetString() != "running")
            {
                break;
            }

            await Task.Delay(25);
        }

        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(500, job.GetProperty("rowsDone").GetInt64());
        Assert.Equal(500, (await TabularDataset.LoadCsvAsync(output)).RowCount);
    }

    private static async Task<double[]> DirectPredictionsAsync(LoopbackServer server, string input)
    {
        var registry = server.Services.GetRequiredService<ModelRegistry>();
        var model = await registry.LoadAsync(await registry.ResolveAsync(ModelReference.Parse("churn:1")));
        return model.Predict(await TabularDataset.LoadCsvAsync(input));
    }

    /// <summary>Reports on the worker's thread, so the test can "crash" the job at an exact checkpoint.</summary>
    private sealed class SynchronousProgress(Action<ScoringJob> report) : IProgress<ScoringJob>
    {
        public void Report(ScoringJob value) => report(value);
    }
}
