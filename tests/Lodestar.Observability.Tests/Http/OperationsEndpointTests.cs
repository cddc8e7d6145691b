using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Observability.Requests;
using Lodestar.Observability.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Observability.Tests.Http;

public sealed class OperationsEndpointTests
{
    [Fact]
    public async Task Operations_AfterAsks_BucketsRequestsAnswersAndCost_ForTheCallersTenantOnly()
    {
        // Arrange
        await using var scenario = await AssistantScenario.StartAsync();
        await AssistantScenario.AskForIdAsync(scenario.Admin);
        await AssistantScenario.AskForIdAsync(scenario.Admin);
        (await AssistantScenario.AskAsync(scenario.Admin, new string('x', 20_000))).Dispose();
        var (foreign, _) = await scenario.Server.ClientForAsync("ops-foreign", ["auditor"], tenant: "acme");
        await scenario.Server.Services.GetRequiredService<RequestRecorder>().FlushAsync();

        // Act
        using var own = JsonDocument.Parse(await scenario.Admin.GetStringAsync(new Uri("/v1/operations?window=1h&bucket=5m", UriKind.Relative)));
        using var other = JsonDocument.Parse(await foreign.GetStringAsync(new Uri("/v1/operations?window=1h&bucket=5m", UriKind.Relative)));

        // Assert
        var buckets = own.RootElement.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(12, buckets.Count);
        Assert.True(buckets.Sum(b => b.GetProperty("requests").GetInt64()) >= 4);
        Assert.Equal(2, buckets.Sum(b => b.GetProperty("answers").GetInt64()));
        Assert.Equal(2 * AssistantScenario.CostPerAsk, buckets.Sum(b => b.GetProperty("cost").GetDecimal()));
        var busy = buckets.Single(b => b.GetProperty("answers").GetInt64() > 0);
        Assert.True(busy.GetProperty("p99Ms").GetDouble() >= busy.GetProperty("p50Ms").GetDouble());
        Assert.Equal(0.0, busy.GetProperty("emptyAnswerRate").GetDouble());
        var tenantCost = Assert.Single(own.RootElement.GetProperty("costPerTenant").EnumerateArray());
        Assert.Equal("default", tenantCost.GetProperty("tenantId").GetString());
        Assert.Empty(other.RootElement.GetProperty("costPerTenant").EnumerateArray());
        Assert.Equal(0, other.RootElement.GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("answers").GetInt64()));
    }

    [Theory]
    [InlineData("?window=1y", "window '1y' is not a duration")]
    [InlineData("?window=30d&bucket=1s", "more than 2000 buckets")]
    [InlineData("?bucket=-5m", "bucket '-5m' is not a duration")]
    public async Task Operations_BadWindow_Gets400WithReason(string query, string expected)
    {
        // Arrange
        await using var server = await ObservedServer.StartAsync();
        var (admin, _) = await server.ClientForAsync("ops-bad", ["admin"]);

        // Act
        var response = await admin.GetAsync(new Uri("/v1/operations" + query, UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertRules_CreateListAndValidate_OverHttp()
    {
        // Arrange
        await using var server = await ObservedServer.StartAsync();
        var (admin, _) = await server.ClientForAsync("rules-admin", ["admin"]);
        var (member, _) = await server.ClientForAsync("rules-member", ["member"]);

        // Act
        var created = await admin.PostAsJsonAsync(new Uri("/v1/alerts/rules", UriKind.Relative), new { name = "slow answers", metric = "askLatencyP99Ms", threshold = 2000, window = "5m", severity = "critical" });
        var badMetric = await admin.PostAsJsonAsync(new Uri("/v1/alerts/rules", UriKind.Relative), new { name = "x", metric = "vibes", threshold = 1 });
        var byMember = await member.PostAsJsonAsync(new Uri("/v1/alerts/rules", UriKind.Relative), new { name = "x", metric = "errorRate", threshold = 0.1 });
        var badHook = await admin.PostAsJsonAsync(new Uri("/v1/alerts/webhooks", UriKind.Relative), new { url = "file:///etc/passwd" });
        using var rules = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/v1/alerts/rules", UriKind.Relative)));

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMetric.StatusCode);
        Assert.Contains("metric must be one of: askLatencyP99Ms", await badMetric.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badHook.StatusCode);
        var rule = Assert.Single(rules.RootElement.EnumerateArray());
        Assert.Equal("askLatencyP99Ms", rule.GetProperty("metric").GetString());
        Assert.Equal("above", rule.GetProperty("comparison").GetString());
        Assert.Equal("00:05:00", rule.GetProperty("window").GetString());
    }

    [Fact]
    public async Task Deletes_OfRuleWebhookAndBudget_Are204ThenNotFound()
    {
        // Arrange
        await using var server = await ObservedServer.StartAsync();
        var (admin, _) = await server.ClientForAsync("delete-admin", ["admin"]);
        using var rule = JsonDocument.Parse(await (await admin.PostAsJsonAsync(new Uri("/v1/alerts/rules", UriKind.Relative), new { name = "errors", metric = "errorRate", threshold = 0.05 })).Content.ReadAsStringAsync());
        using var hook = JsonDocument.Parse(await (await admin.PostAsJsonAsync(new Uri("/v1/alerts/webhooks", UriKind.Relative), new { url = "http://127.0.0.1:9/hook" })).Content.ReadAsStringAsync());
        (await admin.PutAsJsonAsync(new Uri("/v1/budgets", UriKind.Relative), new { hardLimit = 5m })).EnsureSuccessStatusCode();
        var paths = new[]
        {
            "/v1/alerts/rules/" + rule.RootElement.GetProperty("id").GetString(),
            "/v1/alerts/webhooks/" + hook.RootElement.GetProperty("id").GetString(),
            "/v1/budgets/tenant/default",
        };

        // Act
        var first = new List<HttpStatusCode>();
        var second = new List<HttpStatusCode>();
        foreach (var path in paths)
        {
            first.Add((await admin.DeleteAsync(new Uri(path, UriKind.Relative))).StatusCode);
            second.Add((await admin.DeleteAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }

        // Assert
        Assert.All(first, status => Assert.Equal(HttpStatusCode.NoContent, status));
        Assert.All(second, status => Assert.Equal(HttpStatusCode.NotFound, status));
    }
}
