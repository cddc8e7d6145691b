using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Server.Tests.Http;

namespace Lodestar.Server.Tests.Models;

/// <summary>The calls MLflow's python client makes for a typical <c>mlflow.start_run()</c> session, with its exact JSON.</summary>
public sealed class MlflowHttpTests : IAsyncLifetime
{
    private const long Start = 1_763_700_000_000;
    private LoopbackServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync();
        _client = await _server.ClientForAsync("carol", [Role.Curator]);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ClientSession_LogsAndReadsBackLikeMlflow()
    {
        var missing = await _client.GetAsync("/api/2.0/mlflow/experiments/get-by-name?experiment_name=churn");
        var experimentId = await PostAsync("experiments/create", new { name = "churn", tags = Array.Empty<object>() }, "experiment_id");
        var run = await PostJsonAsync("runs/create", new
        {
            experiment_id = experimentId,
            user_id = "carol",
            start_time = Start,
            run_name = "bright-fox-1",
            tags = new[] { new { key = "mlflow.source.git.commit", value = "0a1b2c3" }, new { key = "mlflow.source.type", value = "LOCAL" } },
        });
        var runId = run.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
        await PostJsonAsync("runs/log-batch", new
        {
            run_id = runId,
            metrics = new[] { new { key = "loss", value = 0.9, timestamp = Start, step = 0L }, new { key = "loss", value = 0.5, timestamp = Start + 10, step = 1L } },
            @params = new[] { new { key = "lr", value = "0.1" } },
            tags = new[] { new { key = "mlflow.note.content", value = "baseline" } },
        });
        await PostJsonAsync("runs/log-metric", new { run_id = runId, run_uuid = runId, key = "loss", value = 0.25, timestamp = Start + 20, step = 2L });
        await PostJsonAsync("runs/log-parameter", new { run_id = runId, run_uuid = runId, key = "depth", value = "6" });
        await PostJsonAsync("runs/set-tag", new { run_id = runId, run_uuid = runId, key = "team", value = "risk" });
        var updated = await PostJsonAsync("runs/update", new { run_id = runId, run_uuid = runId, status = "FINISHED", end_time = Start + 30 });
        var fetched = await _client.GetFromJsonAsync<JsonElement>($"/api/2.0/mlflow/runs/get?run_id={runId}");
        var history = await _client.GetFromJsonAsync<JsonElement>($"/api/2.0/mlflow/metrics/get-history?run_id={runId}&metric_key=loss");
        var search = await PostJsonAsync("runs/search", new { experiment_ids = new[] { experimentId }, filter = "", run_view_type = "ACTIVE_ONLY", max_results = 1000, order_by = Array.Empty<string>() });
        var byName = await _client.GetFromJsonAsync<JsonElement>("/api/2.0/mlflow/experiments/get-by-name?experiment_name=churn");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString());
        Assert.Equal("FINISHED", updated.GetProperty("run_info").GetProperty("status").GetString());
        Assert.Equal(Start + 30, updated.GetProperty("run_info").GetProperty("end_time").GetInt64());
        var data = fetched.GetProperty("run").GetProperty("data");
        Assert.Equal(0.25, Assert.Single(data.GetProperty("metrics").EnumerateArray()).GetProperty("value").GetDouble());
        Assert.Equal(["depth=6", "lr=0.1"], data.GetProperty("params").EnumerateArray().Select(p => $"{p.GetProperty("key").GetString()}={p.GetProperty("value").GetString()}").Order());
        Assert.Contains(data.GetProperty("tags").EnumerateArray(), t => t.GetProperty("key").GetString() == "mlflow.note.content");
        Assert.Equal("bright-fox-1", fetched.GetProperty("run").GetProperty("info").GetProperty("run_name").GetString());
        Assert.Equal([0.9, 0.5, 0.25], history.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("value").GetDouble()));
        Assert.Equal(runId, Assert.Single(search.GetProperty("runs").EnumerateArray()).GetProperty("info").GetProperty("run_id").GetString());
        Assert.Equal(experimentId, byName.GetProperty("experiment").GetProperty("experiment_id").GetString());
    }

    [Fact]
    public async Task Errors_UseMlflowShape()
    {
        await PostAsync("experiments/create", new { name = "churn" }, "experiment_id");

        var duplicate = await _client.PostAsJsonAsync("/api/2.0/mlflow/experiments/create", new { name = "churn" });
        var unknownRun = await _client.GetAsync("/api/2.0/mlflow/runs/get?run_id=nope");
        var noKey = await _client.PostAsJsonAsync("/api/2.0/mlflow/runs/log-metric", new { run_id = "nope", value = 1.0 });

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal("RESOURCE_ALREADY_EXISTS", (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Equal("INVALID_PARAMETER_VALUE", (await noKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task FinishedRun_RejectsMoreMetrics()
    {
        var experimentId = await PostAsync("experiments/create", new { name = "churn" }, "experiment_id");
        var runId = (await PostJsonAsync("runs/create", new { experiment_id = experimentId })).GetProperty("run").GetProperty("info").GetProperty("run_id").GetString();
        await PostJsonAsync("runs/update", new { run_id = runId, status = "FINISHED" });

        var late = await _client.PostAsJsonAsync("/api/2.0/mlflow/runs/log-metric", new { run_id = runId, key = "loss", value = 0.1, timestamp = Start, step = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal("INVALID_STATE", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString());
    }

    private async Task<JsonElement> PostJsonAsync(string path, object body)
    {
        var response = await _client.PostAsJsonAsync($"/api/2.0/mlflow/{path}", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {json}");
        return json;
    }

    private async Task<string> PostAsync(string path, object body, string property) => (await PostJsonAsync(path, body)).GetProperty(property).GetString()!;
}
