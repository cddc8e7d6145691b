using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Server.Tests.Http;
using Lodestar.Server.Tests.Serving;
using Lodestar.Testing;

namespace Lodestar.Server.Tests.Day;

/// <summary>
/// The ML engineer's day from the model-lifecycle issue, end to end over HTTP against a real loopback server:
/// train → register → promote with approval → deploy → canary breaches its SLO under injected latency →
/// automatic rollback → drift in live traffic → retraining registers a challenger.
/// </summary>
public sealed class ModelDayTests
{
    private const int InjectedLatencyMs = 340;
    private const int SloP99Ms = 200;

    [Fact]
    public async Task TheWholeDay_TrainPromoteDeployRollBackDriftRetrain()
    {
        using var files = new TemporaryDirectory();
        await using var server = await LoopbackServer.StartAsync(allowFaultInjection: true);
        var carol = await server.ClientForAsync("carol", [Role.Curator]);
        var ada = await server.ClientForAsync("ada", [Role.Admin]);
        var app = await server.ClientForAsync("checkout-service", [Role.Member]);
        var train = ChurnData.WriteCsv(files.Path, "train.csv", 1500, seed: 31);

        // Yesterday: a logistic baseline, trained, registered and promoted to champion with another admin's approval.
        Assert.Equal(1, await TrainAsync(carol, train, "logistic"));
        await PromoteAsync(carol, ada, version: 1);
        await DeployAsync(carol, new { model = "churn@champion", slo = new { p99Ms = SloP99Ms, maxErrorRate = 0.05, minRequests = 8, windowSeconds = 60 }, logSampleRate = 1.0 });
        Assert.Equal(1, await PredictVersionAsync(app, ChurnData.Rows(5)));

        // Last night's run: gradient-boosted trees beat the baseline; promoted (approved, metric at least as good), canaried at 50%.
        Assert.Equal(2, await TrainAsync(carol, train, "gbdt"));
        await PromoteAsync(carol, ada, version: 2);
        await DeployAsync(carol, new { model = "churn:1", canary = new { model = "churn@champion", weight = 50, fault = new { delayMs = InjectedLatencyMs } } });

        // The traffic spike: the canary's p99 jumps past the SLO and traffic goes back to version 1 on its own.
        var served = new List<int>();
        JsonElement deployment = default;
        for (var i = 0; i < 200; i++)
        {
            served.Add(await PredictVersionAsync(app, ChurnData.Rows(1, seed: i)));
            deployment = (await carol.GetFromJsonAsync<JsonElement>("/v1/endpoints/churn")).GetProperty("deployment");
            if (deployment.GetProperty("canary").ValueKind == JsonValueKind.Null)
            {
                break;
            }
        }

        Assert.Contains(2, served);
        Assert.Equal(JsonValueKind.Null, deployment.GetProperty("canary").ValueKind);
        Assert.Equal(1, deployment.GetProperty("primary").GetProperty("version").GetInt32());
        Assert.Contains($"limit {SloP99Ms} ms", deployment.GetProperty("lastRollback").GetString(), StringComparison.Ordinal);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(1, await PredictVersionAsync(app, ChurnData.Rows(1, seed: 1000 + i)));
        }

        // The rollback is saved (what the status shows) before its audit record is written.
        var rollback = Assert.Single(await Eventually.WaitForAsync(() => ServingHttpTests.AuditEventsAsync(server, "endpoint.rollback"), records => records.Count > 0, "the rollback's audit record"));
        Assert.Equal(("true", "churn:2", "churn:1"), (rollback["automatic"], rollback["from"], rollback["to"]));

        // Later: the customer base shifts (longer tenure, higher spend); the live traffic is logged and drifts.
        var driftStarted = DateTimeOffset.UtcNow;
        for (var batch = 0; batch < 4; batch++)
        {
            Assert.Equal(1, await PredictVersionAsync(app, ChurnData.Rows(50, seed: 500 + batch, shift: 30)));
        }

        var window = Path.Combine(files.Path, "live-window.csv");
        var exported = await carol.PostAsJsonAsync("/v1/endpoints/churn/predictions/export", new { path = window, since = driftStarted });
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal(200, (await exported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").GetInt32());

        // The drift monitor compares the endpoint's logged window with version 1's training data and retrains on fresh labels.
        var fresh = ChurnData.WriteCsv(files.Path, "fresh-labels.csv", 1500, seed: 32, shift: 30);
        var monitor = await carol.PutAsJsonAsync("/v1/models/churn/drift/monitor", new
        {
            reference = "1",
            rules = new object[] { new { action = "retrain", dataPath = fresh }, new { action = "alert", column = "tenure" } },
        });
        var report = await carol.PostAsJsonAsync("/v1/models/churn/drift/reports", new { endpoint = "churn", since = driftStarted });
        var body = await report.Content.ReadFromJsonAsync<JsonElement>();
        var challenger = await carol.GetFromJsonAsync<JsonElement>("/v1/models/churn/aliases/challenger");

        Assert.Equal(HttpStatusCode.OK, monitor.StatusCode);
        Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        Assert.True(body.GetProperty("report").GetProperty("datasetDrift").GetBoolean());
        Assert.True(body.GetProperty("report").GetProperty("columns").GetProperty("tenure").GetProperty("drift").GetBoolean());
        var retrain = body.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("action").GetString() == "retrain");
        Assert.True(retrain.GetProperty("succeeded").GetBoolean());
        Assert.Equal(3, challenger.GetProperty("version").GetInt32());
    }

    private static async Task<int> TrainAsync(HttpClient client, string data, string algorithm)
    {
        var response = await client.PostAsJsonAsync("/v1/models/churn/train", new { dataPath = data, target = "churned", algorithm });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    private static async Task PromoteAsync(HttpClient author, HttpClient approver, int version)
    {
        var requested = await author.PostAsJsonAsync("/v1/models/churn/promotions", new { alias = "champion", version, comment = "better on validation" });
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var approved = await approver.PostAsJsonAsync($"/v1/models/churn/promotions/{id}/approve", new { comment = "ok" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var champion = await author.GetFromJsonAsync<JsonElement>("/v1/models/churn/aliases/champion");
        Assert.Equal(version, champion.GetProperty("version").GetInt32());
    }

    private static async Task DeployAsync(HttpClient client, object body)
    {
        var response = await client.PutAsJsonAsync("/v1/endpoints/churn", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<int> PredictVersionAsync(HttpClient client, object rows)
    {
        var response = await client.PostAsJsonAsync("/v1/endpoints/churn/predict", new { rows });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }
}
