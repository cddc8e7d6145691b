using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Testing;

namespace Lodestar.Server.Tests.Cluster;

/// <summary>Two nodes as separate processes on one PostgreSQL: what one node records of an answer, the other reports.</summary>
public sealed class ClusterObservabilityTests
{
    private const string Kb = "handbook";

    [Fact]
    public async Task AskThroughNodeA_AnswerRecordRatingAndUsage_VisibleThroughNodeB()
    {
        await using var cluster = await LodestarCluster.StartAsync(PostgresCluster.Shared, nodes: 2);
        var auditorKey = await cluster.CreateKeyAsync("auditor", "auditor");
        using var askerOnA = cluster.Nodes[0].Client(cluster.ApiKey);
        using var askerOnB = cluster.Nodes[1].Client(cluster.ApiKey);
        using var auditorOnB = cluster.Nodes[1].Client(auditorKey);
        var job = await ClusterClient.EnqueueIngestAsync(askerOnA, Kb, cluster.WriteCorpus("corpus", 10));
        await ClusterClient.WaitJobAsync(askerOnA, job, state => ClusterClient.State(state) == "succeeded", TimeSpan.FromSeconds(60));

        string answerId;
        using (var asked = await askerOnA.PostAsJsonAsync(new Uri($"/v1/knowledge-bases/{Kb}/ask", UriKind.Relative), new { question = "Which group does the zebra ledger entry 3 belong to?" }))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            using var answer = JsonDocument.Parse(await asked.Content.ReadAsStringAsync());
            answerId = answer.RootElement.GetProperty("answerId").GetString()!;
        }

        using var rated = await askerOnB.PostAsJsonAsync(new Uri($"/v1/answers/{answerId}/rating", UriKind.Relative), new { rating = "down", comment = "rated on B" });
        using var record = JsonDocument.Parse(await askerOnA.GetStringAsync(new Uri($"/v1/answers/{answerId}", UriKind.Relative)));
        using var usage = JsonDocument.Parse(await auditorOnB.GetStringAsync(new Uri("/v1/usage?by=user", UriKind.Relative)));

        Assert.True(rated.IsSuccessStatusCode, $"rating through node B: {(int)rated.StatusCode}");
        Assert.Equal("rated on B", record.RootElement.GetProperty("rating").GetProperty("comment").GetString());
        var total = Assert.Single(usage.RootElement.GetProperty("totals").EnumerateArray());
        Assert.Equal(("curator", 1L), (total.GetProperty("group").GetString(), total.GetProperty("calls").GetInt64()));
    }
}
