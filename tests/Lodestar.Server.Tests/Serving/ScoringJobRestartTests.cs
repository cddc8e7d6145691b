using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Models.Data;
using Lodestar.Models.Registry;
using Lodestar.Models.Scoring;
using Lodestar.Models.Training;
using Lodestar.Server.Composition;
using Lodestar.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
        ScoringJob stopped;
        var first = await StartHostAsync(data.Path);
        try
        {
            var csv = ChurnData.WriteCsv(data.Path, "train.csv", 1200, 5);
            await first.Services.GetRequiredService<ModelTrainer>().TrainAsync(new TrainRequest(csv, "churned", "churn"));
            using var client = await ClientAsync(first);
            var created = await client.PostAsJsonAsync("/v1/scoring-jobs", new { model = "churn:1", input, output, chunkRows = 100 });
            created.EnsureSuccessStatusCode();
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            await WaitForAsync(first, id, job => job.RowsDone > 0);
            await first.StopAsync();
            stopped = (await first.Services.GetRequiredService<IScoringJobStore>().GetJobAsync(id))!;
        }
        finally
        {
            await first.StopAsync();
            await first.DisposeAsync();
        }

        Assert.Equal(ScoringJobStatus.Running, stopped.Status);
        Assert.InRange(stopped.RowsDone, 100, 29_900);
        Assert.False(File.Exists(output));

        var second = await StartHostAsync(data.Path);
        try
        {
            var done = await WaitForAsync(second, id, job => job.Status != ScoringJobStatus.Running);

            Assert.Equal((ScoringJobStatus.Completed, 30_000L), (done.Status, done.RowsDone));
            var registry = second.Services.GetRequiredService<ModelRegistry>();
            var model = await registry.LoadAsync(await registry.ResolveAsync(ModelReference.Parse("churn:1")));
            var scored = await TabularDataset.LoadCsvAsync(output);
            Assert.Equal(30_000, scored.RowCount);
            Assert.Equal(model.Predict(await TabularDataset.LoadCsvAsync(input)), scored.Get("prediction").Numbers);
            Assert.False(Directory.Exists($"{output}.parts-{id}"));
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }

    private static async Task<WebApplication> StartHostAsync(string data)
    {
        var app = LodestarServer.Build(new LodestarServerOptions
        {
            Host = new LodestarHostOptions { DataDirectory = data, Embeddings = EmbeddingSource.None },
            Urls = "http://127.0.0.1:0",
        });
        await app.StartAsync();
        return app;
    }

    private static async Task<HttpClient> ClientAsync(WebApplication app)
    {
        await app.Services.GetRequiredService<UserDirectory>().AddAsync(Principal.LocalAdministrator, new NewUser("carol", Roles: [Role.Curator]));
        var key = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(Principal.LocalAdministrator, "carol", null, TimeSpan.FromHours(1));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
        return client;
    }

    private static async Task<ScoringJob> WaitForAsync(WebApplication app, string id, Func<ScoringJob, bool> condition)
    {
        var store = app.Services.GetRequiredService<IScoringJobStore>();
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
