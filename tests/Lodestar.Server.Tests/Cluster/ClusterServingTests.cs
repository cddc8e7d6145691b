using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Lodestar.Server.Tests.Cluster;

/// <summary>
/// Serving across nodes: a model registered and deployed through one node is served by another that never saw its
/// files (artifacts live in PostgreSQL), and deployments, manual and automatic rollbacks made on one node reach the others.
/// </summary>
public sealed class ClusterServingTests(TwoNodeFixture fixture, ITestOutputHelper output) : IClassFixture<TwoNodeFixture>
{
    /// <summary>Nodes compare the stored row version at most once per second (ServingOptions.RefreshInterval).</summary>
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Deploy_TrainedAndDeployedOnNodeA_NodeBServesItAndFollowsChanges()
    {
        var cluster = fixture.Cluster;
        using var a = cluster.Nodes[0].Client(cluster.ApiKey);
        using var b = cluster.Nodes[1].Client(cluster.ApiKey);
        var model = await ClusterModels.TrainTwoVersionsAsync(cluster, a);
        var endpoint = model + "-api";
        await ClusterModels.DeployAsync(a, endpoint, new { model = model + ":1" });

        var servedByB = await ClusterModels.PredictAsync(b, endpoint);
        await ClusterModels.DeployAsync(b, endpoint, new { model = model + ":2" });
        var redeployReachedA = await ClusterModels.WaitServedAsync(a, endpoint, 2, Propagation);
        using var rollback = await a.PostAsJsonAsync(new Uri($"/v1/endpoints/{endpoint}/rollback", UriKind.Relative), new { reason = "drill" });
        var rollbackReachedB = await ClusterModels.WaitServedAsync(b, endpoint, 1, Propagation);

        Assert.Equal((HttpStatusCode.OK, 1), (servedByB.Status, servedByB.Version));
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        // Node B never held a model file of its own: it fetched the artifacts from the database into its cache.
        Assert.False(Directory.Exists(Path.Combine(cluster.Root, "node1", "artifacts", "models")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(cluster.Root, "node1", "artifacts", "cache", "blobs")));
        Assert.True(redeployReachedA < Propagation && rollbackReachedB < Propagation);
        output.WriteLine($"redeploy on B served by A after {redeployReachedA.TotalMilliseconds:F0} ms; rollback on A served by B after {rollbackReachedB.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Canary_BreachRolledBackOnNodeA_NodeBStopsRoutingToIt()
    {
        var cluster = fixture.Cluster;
        using var a = cluster.Nodes[0].Client(cluster.ApiKey);
        using var b = cluster.Nodes[1].Client(cluster.ApiKey);
        var model = await ClusterModels.TrainTwoVersionsAsync(cluster, a);
        var endpoint = model + "-api";
        await ClusterModels.DeployAsync(a, endpoint, new
        {
            model = model + ":1",
            canary = new { model = model + ":2", weight = 50, fault = new { errorRate = 1.0 } },
            slo = new { minRequests = 5, windowSeconds = 60 },
        });
        await ClusterModels.PredictAsync(b, endpoint); // node B now runs the canary too

        for (var i = 0; i < 200 && await CanaryAsync(a, endpoint); i++)
        {
            await ClusterModels.PredictAsync(a, endpoint);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var afterwards = new List<(HttpStatusCode Status, int? Version, string Body)>();
        for (var i = 0; i < 20; i++)
        {
            afterwards.Add(await ClusterModels.PredictAsync(b, endpoint));
        }

        Assert.False(await CanaryAsync(b, endpoint));
        Assert.All(afterwards, p => Assert.Equal((HttpStatusCode.OK, (int?)1), (p.Status, p.Version)));
    }

    private static async Task<bool> CanaryAsync(HttpClient client, string endpoint)
    {
        using var status = await client.GetAsync(new Uri($"/v1/endpoints/{endpoint}", UriKind.Relative));
        var deployment = (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deployment");
        return deployment.TryGetProperty("canary", out var canary) && canary.ValueKind != JsonValueKind.Null;
    }
}
