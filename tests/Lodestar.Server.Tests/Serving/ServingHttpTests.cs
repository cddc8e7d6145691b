using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Governance.Audit;
using Lodestar.Server.Tests.Http;
using Lodestar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Tests.Serving;

public sealed class ServingHttpTests
{
    [Fact]
    public async Task Predict_AfterDeploy_ReturnsProbabilitiesWithExplanationsThatAddUp()
    {
        await using var server = await LoopbackServer.StartAsync();
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var curator = await server.ClientForAsync("carol", [Role.Curator]);
        var member = await server.ClientForAsync("mike", [Role.Member]);

        var deploy = await curator.PutAsJsonAsync("/v1/endpoints/churn-api", new { model = "churn:1" });
        var response = await member.PostAsJsonAsync("/v1/endpoints/churn-api/predict", new { rows = ChurnData.Rows(3), explain = true });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, deploy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        var predictions = body.GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble()).ToList();
        Assert.Equal(3, predictions.Count);
        for (var i = 0; i < 3; i++)
        {
            var explanation = body.GetProperty("explanations")[i];
            var raw = explanation.GetProperty("expectedValue").GetDouble()
                + explanation.GetProperty("contributions").EnumerateObject().Sum(c => c.Value.GetDouble());
            Assert.Equal(predictions[i], 1 / (1 + Math.Exp(-raw)), 9);
            Assert.Equal(3, explanation.GetProperty("contributions").EnumerateObject().Count());
        }
    }

    [Theory]
    [InlineData("""{"rows": [{"tenure": 3, "spend": 50, "plan": "pro"}, {"tenure": "long", "spend": 50, "plan": "pro"}]}""", "row 2: column 'tenure' must be a number")]
    [InlineData("""{"rows": [{"tenure": 3, "plan": "pro"}]}""", "row 1: column 'spend' is missing")]
    [InlineData("""{"rows": [{"tenure": 3, "spend": 5, "plan": "pro", "region": "eu"}]}""", "unknown column 'region'")]
    [InlineData("""{"rows": "all of them"}""", "'rows' must be a JSON array")]
    [InlineData("""{"rows": [""", "JSON")]
    public async Task Predict_SchemaErrors_Get400NamingTheRowAndColumn(string body, string expected)
    {
        await using var server = await LoopbackServer.StartAsync();
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var admin = await server.ClientForAsync("root", [Role.Admin]);
        await admin.PutAsJsonAsync("/v1/endpoints/churn-api", new { model = "churn" });

        var response = await admin.PostAsync("/v1/endpoints/churn-api/predict", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_ByMember_Is403_UnknownEndpoint_Is404_UnknownModel_Is404()
    {
        await using var server = await LoopbackServer.StartAsync();
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var member = await server.ClientForAsync("mike", [Role.Member]);
        var admin = await server.ClientForAsync("root", [Role.Admin]);

        var forbidden = await member.PutAsJsonAsync("/v1/endpoints/churn-api", new { model = "churn" });
        var missing = await member.PostAsJsonAsync("/v1/endpoints/nope/predict", new { rows = ChurnData.Rows(1) });
        var unknownModel = await admin.PutAsJsonAsync("/v1/endpoints/churn-api", new { model = "ghost:3" });

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownModel.StatusCode);
    }

    [Fact]
    public async Task Deploy_WithFaultWhileFaultInjectionIsOff_Is400()
    {
        await using var server = await LoopbackServer.StartAsync();
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var admin = await server.ClientForAsync("root", [Role.Admin]);

        var response = await admin.PutAsJsonAsync("/v1/endpoints/churn-api", new { model = "churn", fault = new { delayMs = 100 } });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("fault injection is disabled", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_BeyondTheConcurrencyLimit_Is429()
    {
        await using var server = await LoopbackServer.StartAsync(allowFaultInjection: true);
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var admin = await server.ClientForAsync("root", [Role.Admin]);
        await admin.PutAsJsonAsync("/v1/endpoints/slow", new { model = "churn", maxConcurrency = 1, fault = new { delayMs = 400 } });

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => admin.PostAsJsonAsync("/v1/endpoints/slow/predict", new { rows = ChurnData.Rows(1) })));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var rejected = Assert.Single(responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).Take(1));
        Assert.Contains("concurrency limit of 1", (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Canary_BreachingItsLatencySlo_IsRolledBackAutomaticallyAndAudited()
    {
        await using var server = await LoopbackServer.StartAsync(allowFaultInjection: true);
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var admin = await server.ClientForAsync("root", [Role.Admin]);
        var deploy = await admin.PutAsJsonAsync("/v1/endpoints/churn-api", new
        {
            model = "churn:1",
            canary = new { model = "churn:2", weight = 50, fault = new { delayMs = 150 } },
            slo = new { p99Ms = 80, maxErrorRate = 0.05, minRequests = 5, windowSeconds = 60 },
        });
        Assert.Equal(HttpStatusCode.OK, deploy.StatusCode);

        var versions = new List<int>();
        JsonElement status = default;
        for (var i = 0; i < 200; i++)
        {
            var answer = await (await admin.PostAsJsonAsync("/v1/endpoints/churn-api/predict", new { rows = ChurnData.Rows(1, i) })).Content.ReadFromJsonAsync<JsonElement>();
            versions.Add(answer.GetProperty("version").GetInt32());
            status = await admin.GetFromJsonAsync<JsonElement>("/v1/endpoints/churn-api");
            if (status.GetProperty("deployment").GetProperty("canary").ValueKind == JsonValueKind.Null)
            {
                break;
            }
        }

        var after = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => admin.PostAsJsonAsync("/v1/endpoints/churn-api/predict", new { rows = ChurnData.Rows(1, i) })));
        var afterVersions = await Task.WhenAll(after.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32()));
        // The rollback is saved (what the status shows) before its audit record is written.
        var audit = await Eventually.WaitForAsync(() => AuditEventsAsync(server, "endpoint.rollback"), records => records.Count > 0, "the rollback's audit record");

        Assert.Contains(2, versions);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("deployment").GetProperty("canary").ValueKind);
        Assert.Contains("breached the SLO", status.GetProperty("deployment").GetProperty("lastRollback").GetString(), StringComparison.Ordinal);
        Assert.All(afterVersions, v => Assert.Equal(1, v));
        var record = Assert.Single(audit);
        Assert.Equal("true", record["automatic"]);
        Assert.Equal("churn:2", record["from"]);
        Assert.Equal("churn:1", record["to"]);
    }

    [Fact]
    public async Task Shadow_GetsAMirrorOfTheTraffic_ButAnswersComeFromThePrimary()
    {
        await using var server = await LoopbackServer.StartAsync();
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var admin = await server.ClientForAsync("root", [Role.Admin]);
        await admin.PutAsJsonAsync("/v1/endpoints/churn-api", new { model = "churn:1", shadow = new { model = "churn:2" } });

        for (var i = 0; i < 10; i++)
        {
            var answer = await (await admin.PostAsJsonAsync("/v1/endpoints/churn-api/predict", new { rows = ChurnData.Rows(2, i) })).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(1, answer.GetProperty("version").GetInt32());
        }

        // Shadow calls run in the background after the primary has answered.
        var shadowRequests = await Eventually.WaitForAsync(async () =>
        {
            var status = await admin.GetFromJsonAsync<JsonElement>("/v1/endpoints/churn-api");
            return status.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("role").GetString() == "shadow").GetProperty("window").GetProperty("requests").GetInt32();
        }, requests => requests >= 10, "ten shadow requests");

        Assert.Equal(10, shadowRequests);
    }

    [Fact]
    public async Task Rollback_WithoutCanary_ReturnsToThePreviousVersion()
    {
        await using var server = await LoopbackServer.StartAsync();
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var admin = await server.ClientForAsync("root", [Role.Admin]);
        await admin.PutAsJsonAsync("/v1/endpoints/churn-api", new { model = "churn:1" });
        await admin.PutAsJsonAsync("/v1/endpoints/churn-api", new { model = "churn:2" });

        var rollback = await admin.PostAsJsonAsync("/v1/endpoints/churn-api/rollback", new { reason = "bad calibration" });
        var answer = await (await admin.PostAsJsonAsync("/v1/endpoints/churn-api/predict", new { rows = ChurnData.Rows(1) })).Content.ReadFromJsonAsync<JsonElement>();
        var audit = await AuditEventsAsync(server, "endpoint.rollback");

        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Equal(1, answer.GetProperty("version").GetInt32());
        Assert.Equal("manual rollback: bad calibration", Assert.Single(audit)["reason"]);
    }

    /// <summary>The details of every audit record with <paramref name="action"/>, oldest first.</summary>
    internal static async Task<List<Dictionary<string, string>>> AuditEventsAsync(LoopbackServer server, string action)
    {
        var records = new List<Dictionary<string, string>>();
        await foreach (var record in server.Services.GetRequiredService<IAuditStore>().ReadAsync(0))
        {
            if (record.Action == action)
            {
                records.Add(JsonSerializer.Deserialize<Dictionary<string, string>>(record.DetailsJson)!);
            }
        }

        return records;
    }
}
