using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Observability.Tests.Support;

namespace Lodestar.Observability.Tests.Costs;

/// <summary>The price and budget path end to end: a real chat model reports tokens, the price table prices them, budgets refuse.</summary>
public sealed class BudgetHttpTests
{
    [Fact]
    public async Task Ask_TenantBudget_WarnsPastSoftLimitAndRefusesAtHardLimitWith429()
    {
        // Arrange: each ask costs 0.02; soft limit 0.03, hard limit 0.05.
        await using var scenario = await AssistantScenario.StartAsync();
        var (member, _) = await scenario.Server.ClientForAsync("budget-member", ["member"]);
        (await scenario.Admin.PutAsJsonAsync(new Uri("/v1/budgets", UriKind.Relative), new { softLimit = 0.03m, hardLimit = 0.05m })).EnsureSuccessStatusCode();

        // Act
        var first = await AssistantScenario.AskAsync(member);
        var second = await AssistantScenario.AskAsync(member);
        var third = await AssistantScenario.AskAsync(member);
        var refused = await AssistantScenario.AskAsync(member);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("X-Lodestar-Budget-Warning"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Contains("80% used", Assert.Single(third.Headers.GetValues("X-Lodestar-Budget-Warning")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("budget of 0.05 USD", detail, StringComparison.Ordinal);
        Assert.Contains("used up (0.06 USD spent)", detail, StringComparison.Ordinal);
        Assert.Equal(3, scenario.Chat.Requests.Count);

        using var usage = JsonDocument.Parse(await scenario.Admin.GetStringAsync(new Uri("/v1/usage?by=user", UriKind.Relative)));
        var total = usage.RootElement.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("group").GetString() == "budget-member");
        Assert.Equal(3 * AssistantScenario.CostPerAsk, total.GetProperty("cost").GetDecimal());
        Assert.Equal(3 * AssistantScenario.PromptTokens, total.GetProperty("inputTokens").GetInt64());

        using var alerts = JsonDocument.Parse(await scenario.Admin.GetStringAsync(new Uri("/v1/alerts", UriKind.Relative)));
        var budgetAlert = Assert.Single(alerts.RootElement.EnumerateArray(), a => a.GetProperty("event").GetProperty("source").GetString() == "budget");
        Assert.Contains("80% used", budgetAlert.GetProperty("event").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_KeyBudgetReached_RefusesThatKeyOnly()
    {
        // Arrange: the first key may spend 0.03, so its second ask (spent 0.02 < 0.03) passes and its third is refused.
        await using var scenario = await AssistantScenario.StartAsync();
        var (limited, keyId) = await scenario.Server.ClientForAsync("key-limited", ["member"]);
        var (other, _) = await scenario.Server.ClientForAsync("key-free", ["member"]);
        (await scenario.Admin.PutAsJsonAsync(new Uri("/v1/budgets", UriKind.Relative), new { scope = "key", subject = keyId, hardLimit = 0.03m })).EnsureSuccessStatusCode();

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await AssistantScenario.AskAsync(limited)).StatusCode);
        }

        var otherKey = await AssistantScenario.AskAsync(other);

        // Assert
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    [Theory]
    [InlineData("""{"hardLimit":0}""", "hardLimit must be a positive amount")]
    [InlineData("""{"hardLimit":1,"softLimit":2}""", "softLimit must be positive and at most hardLimit")]
    [InlineData("""{"scope":"planet","hardLimit":1}""", "scope must be one of: tenant, key")]
    [InlineData("""{"scope":"key","hardLimit":1}""", "a budget needs a subject")]
    public async Task SetBudget_BadBody_Gets400WithReason(string body, string expected)
    {
        // Arrange
        await using var server = await ObservedServer.StartAsync();
        var (admin, _) = await server.ClientForAsync("budget-admin", ["admin"]);

        // Act
        var response = await admin.PutAsync(new Uri("/v1/budgets", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetBudget_ByMember_Is403()
    {
        // Arrange
        await using var server = await ObservedServer.StartAsync();
        var (member, _) = await server.ClientForAsync("budget-nobody", ["member"]);

        // Act
        var response = await member.PutAsJsonAsync(new Uri("/v1/budgets", UriKind.Relative), new { hardLimit = 100m });

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
