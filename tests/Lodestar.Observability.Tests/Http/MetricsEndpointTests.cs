using System.Net;
using Lodestar.Observability.Tests.Metrics;
using Lodestar.Observability.Tests.Support;

namespace Lodestar.Observability.Tests.Http;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_AfterAnAsk_IsValidPrometheusTextWithLodestarFamilies()
    {
        // Arrange
        await using var scenario = await AssistantScenario.StartAsync();
        await AssistantScenario.AskForIdAsync(scenario.Admin);

        // Act
        var response = await scenario.Admin.GetAsync(new Uri("/metrics", UriKind.Relative));
        var families = PrometheusTextParser.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var http = families["lodestar_http_server_duration_seconds"];
        Assert.Equal("histogram", http.Type);
        Assert.Contains(http.Samples, s => s.Name.EndsWith("_count", StringComparison.Ordinal) && s.Labels["route"] == "/v1/knowledge-bases/{kb}/ask" && s.Labels["status_class"] == "2xx");
        Assert.Contains(families["lodestar_tokens_total"].Samples, s => s.Labels["model"] == "tiny-chat" && s.Labels["direction"] == "input" && s.Value >= 1000);
        Assert.Contains(families["lodestar_cost_total"].Samples, s => s.Labels["model"] == "tiny-chat" && s.Value > 0);
        Assert.Equal("histogram", families["lodestar_retrieval_duration_seconds"].Type);
        Assert.Equal("histogram", families["lodestar_answer_groundedness"].Type);
        Assert.Contains(families["lodestar_answers_total"].Samples, s => s.Labels["answered"] == "true");
        Assert.Contains(families["lodestar_ingest_files_total"].Samples, s => s.Labels["outcome"] == "uploaded");
    }

    [Theory]
    [InlineData("member", "default", HttpStatusCode.Forbidden)]
    [InlineData("admin", "acme", HttpStatusCode.Forbidden)]
    [InlineData("auditor", "default", HttpStatusCode.OK)]
    public async Task Metrics_OnlyOperatorTenantAdminsAndAuditors_MayScrape(string role, string tenant, HttpStatusCode expected)
    {
        // Arrange
        await using var server = await ObservedServer.StartAsync();
        var (client, _) = await server.ClientForAsync("scraper-" + role + "-" + tenant, [role], tenant);

        // Act
        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        // Assert
        Assert.Equal(expected, response.StatusCode);
    }
}
