using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Models.Monitoring;
using Lodestar.Server.Tests.Http;
using Lodestar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Tests.Models;

public sealed class DriftHttpTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _files = new();
    private LoopbackServer _server = null!;
    private HttpClient _carol = null!;

    public async Task InitializeAsync()
    {
        // The webhook receiver is on loopback, which only an explicit allowance lets webhooks reach.
        _server = await LoopbackServer.StartAsync(webhooks: Core.Net.WebhookAddressPolicy.AllowingPrivate);
        _carol = await _server.ClientForAsync("carol", [Role.Curator]);
        var trained = await _carol.PostAsJsonAsync("/v1/models/loans/train", new { dataPath = LifecycleData.Write(_files.Path, "train.csv", 600, seed: 1), target = "y", algorithm = "logistic" });
        Assert.Equal(HttpStatusCode.Created, trained.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task Report_ShiftedWindow_DriftsAndRetrainsChallengerAndCallsWebhook()
    {
        await using var hook = new ScriptedHttpServer(e => e.ReplyAsync(200, "{}"));
        var window = LifecycleData.Write(_files.Path, "window.csv", 600, seed: 3, shift: 1.5);
        var monitor = await _carol.PutAsJsonAsync("/v1/models/loans/drift/monitor", new
        {
            reference = "1",
            rules = new object[] { new { action = "retrain", dataPath = window }, new { action = "webhook", url = new Uri(hook.BaseUrl, "/hook") }, new { action = "alert", column = "x1" } },
        });

        var response = await _carol.PostAsJsonAsync("/v1/models/loans/drift/reports", new { currentPath = window });
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var challenger = await _carol.GetFromJsonAsync<JsonElement>("/v1/models/loans/aliases/challenger");
        var stored = await _carol.GetFromJsonAsync<JsonElement>($"/v1/models/loans/drift/reports/{report.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.OK, monitor.StatusCode);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(report.GetProperty("report").GetProperty("datasetDrift").GetBoolean());
        Assert.False(report.GetProperty("report").GetProperty("columns").TryGetProperty("y", out _));
        Assert.True(report.GetProperty("report").GetProperty("columns").TryGetProperty("prediction", out _));
        var actions = report.GetProperty("actions").EnumerateArray().ToDictionary(a => a.GetProperty("action").GetString()!);
        Assert.True(actions["retrain"].GetProperty("succeeded").GetBoolean());
        Assert.Equal(2, actions["retrain"].GetProperty("version").GetInt32());
        Assert.Equal("HTTP 200", actions["webhook"].GetProperty("outcome").GetString());
        Assert.True(actions.ContainsKey("alert"));
        Assert.Equal(2, challenger.GetProperty("version").GetInt32());
        var call = Assert.Single(hook.Requests);
        Assert.Equal("/hook", call.Path);
        using var payload = JsonDocument.Parse(call.Body);
        Assert.Equal("loans", payload.RootElement.GetProperty("model").GetString());
        Assert.True(stored.GetProperty("report").GetProperty("datasetDrift").GetBoolean());
    }

    [Fact]
    public async Task Report_SameDistribution_NoDriftNoActions()
    {
        var window = LifecycleData.Write(_files.Path, "same.csv", 600, seed: 4);
        await _carol.PutAsJsonAsync("/v1/models/loans/drift/monitor", new { rules = new object[] { new { action = "retrain", dataPath = window } } });

        var report = await (await _carol.PostAsJsonAsync("/v1/models/loans/drift/reports", new { currentPath = window, reference = "1" })).Content.ReadFromJsonAsync<JsonElement>();
        var challenger = await _carol.GetAsync("/v1/models/loans/aliases/challenger");

        Assert.False(report.GetProperty("report").GetProperty("datasetDrift").GetBoolean());
        Assert.Equal(0, report.GetProperty("actions").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, challenger.StatusCode);
    }

    [Fact]
    public async Task Report_FromEndpointPredictionLog_DetectsLiveDrift()
    {
        var deployed = await _carol.PutAsJsonAsync("/v1/endpoints/loans", new { model = "loans:1", logSampleRate = 1.0 });
        var random = new Random(7);
        var rows = Enumerable.Range(0, 200).Select(_ => new Dictionary<string, object>
        {
            ["x1"] = random.NextDouble() + 3,
            ["x2"] = random.NextDouble() + 1.5,
            ["colour"] = "red",
        }).ToList();
        var predicted = await _carol.PostAsJsonAsync("/v1/endpoints/loans/predict", new { rows });

        var response = await _carol.PostAsJsonAsync("/v1/models/loans/drift/reports", new { endpoint = "loans", reference = "1" });
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(deployed.IsSuccessStatusCode);
        Assert.True(predicted.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("endpoint:loans (200 logged predictions)", report.GetProperty("current").GetString());
        Assert.True(report.GetProperty("report").GetProperty("columns").GetProperty("x1").GetProperty("drift").GetBoolean());
        Assert.True(report.GetProperty("report").GetProperty("datasetDrift").GetBoolean());
    }

    [Fact]
    public async Task ScheduledMonitor_RunsWhenDue()
    {
        var window = LifecycleData.Write(_files.Path, "window.csv", 600, seed: 5, shift: 1.5);
        await _carol.PutAsJsonAsync("/v1/models/loans/drift/monitor", new { reference = "1", currentPath = window, intervalSeconds = 3600 });
        var drift = _server.Services.GetRequiredService<DriftMonitorService>();

        var first = await drift.RunDueAsync();
        var second = await drift.RunDueAsync();
        var reports = await _carol.GetFromJsonAsync<JsonElement>("/v1/models/loans/drift/reports");

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.Equal(1, reports.GetProperty("reports").GetArrayLength());
    }

    [Fact]
    public async Task Monitor_BadRules_Is400()
    {
        var unknown = await _carol.PutAsJsonAsync("/v1/models/loans/drift/monitor", new { rules = new object[] { new { action = "page-everyone" } } });
        var noUrl = await _carol.PutAsJsonAsync("/v1/models/loans/drift/monitor", new { rules = new object[] { new { action = "webhook" } } });
        var noWindow = await _carol.PostAsJsonAsync("/v1/models/loans/drift/reports", new { });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noUrl.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noWindow.StatusCode);
    }

    [Fact]
    public async Task Retrain_Endpoint_RegistersChallengerFromChampionRecipe()
    {
        var window = LifecycleData.Write(_files.Path, "fresh.csv", 400, seed: 6);

        var response = await _carol.PostAsJsonAsync("/v1/models/loans/retrain", new { dataPath = window });
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var version = await _carol.GetFromJsonAsync<JsonElement>("/v1/models/loans/versions/2");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, result.GetProperty("baseVersion").GetInt32());
        Assert.Equal("challenger", result.GetProperty("alias").GetString());
        Assert.Equal("logistic", version.GetProperty("algorithm").GetString());
    }
}
