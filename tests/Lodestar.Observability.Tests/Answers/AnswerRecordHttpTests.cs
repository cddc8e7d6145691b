using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lodestar.Observability.Tests.Support;

namespace Lodestar.Observability.Tests.Answers;

public sealed class AnswerRecordHttpTests
{
    [Fact]
    public async Task Ask_RecordsAnExplainableAnswer_VisibleToAskerAndAuditorsOnly()
    {
        // Arrange
        await using var scenario = await AssistantScenario.StartAsync();
        var (asker, keyId) = await scenario.Server.ClientForAsync("rec-asker", ["member"]);
        var (colleague, _) = await scenario.Server.ClientForAsync("rec-colleague", ["member"]);
        var (auditor, _) = await scenario.Server.ClientForAsync("rec-auditor", ["auditor"]);
        var (foreignAdmin, _) = await scenario.Server.ClientForAsync("rec-foreign", ["admin"], tenant: "acme");

        // Act
        var id = await AssistantScenario.AskForIdAsync(asker);
        var own = await asker.GetAsync(new Uri($"/v1/answers/{id}", UriKind.Relative));
        var byAuditor = await auditor.GetAsync(new Uri($"/v1/answers/{id}", UriKind.Relative));
        var byColleague = await colleague.GetAsync(new Uri($"/v1/answers/{id}", UriKind.Relative));
        var byOtherTenant = await foreignAdmin.GetAsync(new Uri($"/v1/answers/{id}", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAuditor.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byColleague.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOtherTenant.StatusCode);
        using var record = JsonDocument.Parse(await own.Content.ReadAsStringAsync());
        var root = record.RootElement;
        Assert.Equal("hashed", root.GetProperty("privacy").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AssistantScenario.Question))), root.GetProperty("question").GetString());
        Assert.Equal(keyId, root.GetProperty("keyId").GetString());
        Assert.Equal("tiny-chat", root.GetProperty("model").GetString());
        Assert.Equal(AssistantScenario.PromptTokens, root.GetProperty("inputTokens").GetInt64());
        Assert.Equal(AssistantScenario.CompletionTokens, root.GetProperty("outputTokens").GetInt64());
        Assert.Equal(AssistantScenario.CostPerAsk, root.GetProperty("cost").GetDecimal());
        Assert.True(root.GetProperty("indexVersion").GetInt64() > 0);
        Assert.NotEmpty(root.GetProperty("passages").EnumerateArray());
        var citation = Assert.Single(root.GetProperty("citations").EnumerateArray());
        Assert.True(citation.GetProperty("endOffset").GetInt32() > citation.GetProperty("startOffset").GetInt32());
        var latency = root.GetProperty("latency");
        Assert.True(latency.GetProperty("totalMs").GetDouble() >= latency.GetProperty("retrieveMs").GetDouble() + latency.GetProperty("generateMs").GetDouble());
        Assert.True(root.GetProperty("answered").GetBoolean());
        Assert.DoesNotContain("refund within 30 days of purchase", root.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stored", true)]
    [InlineData("omitted", false)]
    public async Task Ask_TenantPrivacySetting_DecidesWhatIsKeptOfTheQuestion(string privacy, bool kept)
    {
        // Arrange
        await using var scenario = await AssistantScenario.StartAsync();
        (await scenario.Admin.PutAsJsonAsync(new Uri("/v1/observability/settings", UriKind.Relative), new { questionPrivacy = privacy })).EnsureSuccessStatusCode();

        // Act
        var id = await AssistantScenario.AskForIdAsync(scenario.Admin);
        using var record = JsonDocument.Parse(await scenario.Admin.GetStringAsync(new Uri($"/v1/answers/{id}", UriKind.Relative)));

        // Assert
        var question = record.RootElement.GetProperty("question");
        Assert.Equal(kept ? AssistantScenario.Question : null, question.ValueKind == JsonValueKind.Null ? null : question.GetString());
    }

    [Fact]
    public async Task Rate_ByAsker_IsAggregated_OthersAndBadRatingsAreRejected()
    {
        // Arrange
        await using var scenario = await AssistantScenario.StartAsync();
        var (asker, _) = await scenario.Server.ClientForAsync("rate-asker", ["member"]);
        var (stranger, _) = await scenario.Server.ClientForAsync("rate-stranger", ["member"]);
        var liked = await AssistantScenario.AskForIdAsync(asker);
        var disliked = await AssistantScenario.AskForIdAsync(asker);
        var unrated = await AssistantScenario.AskForIdAsync(asker);

        // Act
        var up = await asker.PostAsJsonAsync(new Uri($"/v1/answers/{liked}/rating", UriKind.Relative), new { rating = "up", comment = "spot on" });
        var down = await asker.PostAsJsonAsync(new Uri($"/v1/answers/{disliked}/rating", UriKind.Relative), new { rating = "down" });
        var sideways = await asker.PostAsJsonAsync(new Uri($"/v1/answers/{unrated}/rating", UriKind.Relative), new { rating = "sideways" });
        var notTheirs = await stranger.PostAsJsonAsync(new Uri($"/v1/answers/{unrated}/rating", UriKind.Relative), new { rating = "up" });
        var summary = JsonDocument.Parse(await scenario.Admin.GetStringAsync(new Uri("/v1/answers/ratings?window=1d", UriKind.Relative)));
        using var record = JsonDocument.Parse(await asker.GetStringAsync(new Uri($"/v1/answers/{liked}", UriKind.Relative)));

        // Assert
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, sideways.StatusCode);
        Assert.Contains("rating must be", await sideways.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        var total = summary.RootElement.GetProperty("total");
        Assert.Equal((3, 1, 1, 0.5), (total.GetProperty("answers").GetInt32(), total.GetProperty("up").GetInt32(), total.GetProperty("down").GetInt32(), total.GetProperty("upRatio").GetDouble()));
        Assert.Equal("spot on", record.RootElement.GetProperty("rating").GetProperty("comment").GetString());
        summary.Dispose();
    }

    [Fact]
    public async Task ListAnswers_Member_SeesOnlyTheirOwn()
    {
        // Arrange
        await using var scenario = await AssistantScenario.StartAsync();
        var (first, _) = await scenario.Server.ClientForAsync("list-first", ["member"]);
        var (second, _) = await scenario.Server.ClientForAsync("list-second", ["member"]);
        var mine = await AssistantScenario.AskForIdAsync(first);
        await AssistantScenario.AskForIdAsync(second);

        // Act
        using var list = JsonDocument.Parse(await first.GetStringAsync(new Uri("/v1/answers", UriKind.Relative)));
        using var all = JsonDocument.Parse(await scenario.Admin.GetStringAsync(new Uri("/v1/answers", UriKind.Relative)));

        // Assert
        Assert.Equal(mine, Assert.Single(list.RootElement.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(2, all.RootElement.GetArrayLength());
    }
}
