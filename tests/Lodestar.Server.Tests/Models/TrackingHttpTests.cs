using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Server.Tests.Http;

namespace Lodestar.Server.Tests.Models;

public sealed class TrackingHttpTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync();
        _client = await _server.ClientForAsync("carol", [Role.Curator]);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Compare_TwoRuns_TableAndCurves()
    {
        var experiment = await ExperimentAsync("churn");
        var a = await RunAsync(experiment, ("lr", "0.1"), [0.9, 0.4]);
        var b = await RunAsync(experiment, ("lr", "0.3"), [0.8]);

        var comparison = await _client.GetFromJsonAsync<JsonElement>($"/v1/runs/compare?run={a}&run={b}");

        Assert.Equal([a, b], comparison.GetProperty("runs").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["0.1", "0.3"], comparison.GetProperty("params").GetProperty("lr").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal([0.4, 0.8], comparison.GetProperty("metrics").GetProperty("loss").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(2, comparison.GetProperty("curves").GetProperty("loss").GetProperty(a).GetArrayLength());
    }

    [Fact]
    public async Task Artifacts_AreContentAddressedAndReadBack()
    {
        var experiment = await ExperimentAsync("churn");
        var a = await RunAsync(experiment, ("lr", "0.1"), [0.5]);
        var b = await RunAsync(experiment, ("lr", "0.2"), [0.5]);

        var first = await _client.PutAsync($"/v1/runs/{a}/artifacts/plots/roc.txt", new StringContent("curve"));
        var second = await _client.PutAsync($"/v1/runs/{b}/artifacts/roc.txt", new StringContent("curve"));
        var read = await _client.GetStringAsync($"/v1/runs/{a}/artifacts/plots/roc.txt");
        var listed = await _client.GetFromJsonAsync<JsonElement>($"/v1/runs/{a}/artifacts");
        var noPath = await _client.PutAsync($"/v1/runs/{a}/artifacts/", new StringContent("x"));

        var sha = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sha256").GetString();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(sha, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sha256").GetString());
        Assert.Equal("curve", read);
        Assert.Equal("plots/roc.txt", Assert.Single(listed.GetProperty("artifacts").EnumerateArray()).GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noPath.StatusCode);
    }

    [Fact]
    public async Task OtherTenant_CannotReadRuns()
    {
        var experiment = await ExperimentAsync("churn");
        var run = await RunAsync(experiment, ("lr", "0.1"), [0.5]);
        var eve = await _server.ClientForAsync("eve", [Role.Admin], tenantId: "acme");

        var get = await eve.GetAsync($"/v1/runs/{run}");
        var experiments = await eve.GetFromJsonAsync<JsonElement>("/v1/experiments");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(0, experiments.GetProperty("experiments").GetArrayLength());
    }

    [Fact]
    public async Task Compare_OneRun_Is400()
    {
        var response = await _client.GetAsync("/v1/runs/compare?run=x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<string> ExperimentAsync(string name)
    {
        var response = await _client.PostAsJsonAsync("/v1/experiments", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<string> RunAsync(string experiment, (string Key, string Value) param, double[] losses)
    {
        var created = await _client.PostAsJsonAsync("/api/2.0/mlflow/runs/create", new { experiment_id = experiment });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
        var metrics = losses.Select((value, step) => new { key = "loss", value, timestamp = 0L, step = (long)step }).ToArray();
        var logged = await _client.PostAsJsonAsync("/api/2.0/mlflow/runs/log-batch", new { run_id = id, metrics, @params = new[] { new { key = param.Key, value = param.Value } } });
        Assert.True(logged.IsSuccessStatusCode);
        return id;
    }
}
