using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Models.Registry;
using Lodestar.Models.Scoring;
using Lodestar.Server.Tests.Http;
using Lodestar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Tests.Serving;

public sealed class ScoringJobRestartTests
{
    [Fact]
    public async Task HttpJob_HostStoppedMidJob_NextHostOnTheSameDataResumesItToTheExactOutput()
    {
        using var data = new TemporaryDirectory();
        var input = ChurnData.WriteCsv(data.Path, "batch.csv", 30_000, 31);
        var output = Path.Combine(data.Path, "scored.csv");
        string id;
        await using (var first = await LoopbackServer.StartAsync(dataDirectory: data.Path))
        {
            await ChurnData.TrainAsync(first, ChurnData.WriteCsv(data.Path, "train.csv", 1200, 5), "churn");
            using var curator = await first.ClientForAsync("carol", [Role.Curator]);
            var created = await curator.PostAsJsonAsync("/v1/scoring-jobs", new { model = "churn:1", input, output, chunkRows = 20 });
            created.EnsureSuccessStatusCode();
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            // Small chunks (1,500 part files) keep the job running well past the host's shutdown, however fast scoring is.
            await WaitForAsync(first, id, job => job.RowsDone > 0);
            // Dispose stops the host mid-job: the worker's cancellation interrupts the runner between chunks.
        }

        await using var second = await LoopbackServer.StartAsync(dataDirectory: data.Path);
        var stopped = (await second.Services.GetRequiredService<IScoringJobStore>().GetJobAsync(id))!;
        var done = await WaitForAsync(second, id, job => job.Status != ScoringJobStatus.Running);

        Assert.InRange(stopped.RowsDone, 20, 29_980);
        Assert.Equal((ScoringJobStatus.Completed, 30_000L), (done.Status, done.RowsDone));
        var registry = second.Services.GetRequiredService<ModelRegistry>();
        var model = await registry.LoadAsync(await registry.ResolveAsync(ModelReference.Parse("churn:1")));
        var scored = await TabularDataset.LoadCsvAsync(output);
        Assert.Equal(30_000, scored.RowCount);
        Assert.Equal(model.Predict(await TabularDataset.LoadCsvAsync(input)), scored.Get("prediction").Numbers);
        // The parts go only after the job is recorded as completed (so a crash in between can still re-assemble).
        await Eventually.WaitForAsync(() => Task.FromResult(Directory.Exists($"{output}.parts-{id}")), exists => !exists, "the parts directory to be deleted");
    }

    private static async Task<ScoringJob> WaitForAsync(LoopbackServer server, string id, Func<ScoringJob, bool> condition)
    {
        var store = server.Services.GetRequiredService<IScoringJobStore>();
        for (var i = 0; i < 3000; i++)
        {
            var job = await store.GetJobAsync(id);
            if (job is not null && condition(job))
            {
                return job;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"scoring job {id} never reached the expected state");
    }
}
