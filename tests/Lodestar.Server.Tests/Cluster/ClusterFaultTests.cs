using System.Collections.Concurrent;
using System.Net;

namespace Lodestar.Server.Tests.Cluster;

/// <summary>Three nodes as separate processes on one PostgreSQL: a node killed mid-job, the database restarted under traffic.</summary>
public sealed class ClusterFaultTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string Kb = "handbook";

    [Fact]
    public async Task KillNodeMidIngestion_JobCompletesElsewhere_EveryDocumentIndexedExactlyOnce()
    {
        const int Files = 1500;
        await using var cluster = await LodestarCluster.StartAsync(fixture.Postgres, nodes: 3);
        var corpus = cluster.WriteCorpus("corpus", Files);
        using var first = cluster.Nodes[0].Client(cluster.ApiKey);
        var jobId = await ClusterClient.EnqueueIngestAsync(first, Kb, corpus);

        // Kill the node holding the lease once it has reported progress, i.e. in the middle of the work.
        var running = await ClusterClient.WaitJobAsync(first, jobId, job => ClusterClient.State(job) == "running" && job.GetProperty("progress").ValueKind == System.Text.Json.JsonValueKind.String, TimeSpan.FromSeconds(60));
        var owner = running.GetProperty("owner").GetString()!;
        var victim = cluster.Nodes.Single(node => owner.Contains($"-{node.ProcessId}-", StringComparison.Ordinal));
        victim.KillHard();
        var survivors = cluster.Nodes.Where(node => node != victim).ToList();
        using var client = survivors[0].Client(cluster.ApiKey);
        var done = await ClusterClient.WaitJobAsync(client, jobId, job => ClusterClient.State(job) is "succeeded" or "failed", TimeSpan.FromSeconds(90));

        Assert.Equal(("succeeded", 2), (ClusterClient.State(done), done.GetProperty("attempts").GetInt32()));
        var sources = await ClusterClient.ListSourcesAsync(client, Kb);
        Assert.Equal(Files, sources.Count);
        Assert.Equal(Files, sources.Distinct().Count());
        foreach (var survivor in survivors)
        {
            using var reader = survivor.Client(cluster.ApiKey);
            var indexed = new List<string>();
            foreach (var group in LodestarCluster.Groups)
            {
                indexed.AddRange(await ClusterClient.SearchDocumentsAsync(reader, Kb, group));
            }

            Assert.Equal(Files, indexed.Count);
            Assert.Equal(Files, indexed.Distinct().Count());
        }
    }

    [Fact]
    public async Task PostgresRestartUnderTraffic_Fails503ThenRecoversWithoutLoss()
    {
        await using var cluster = await LodestarCluster.StartAsync(fixture.Postgres, nodes: 3);
        var clients = cluster.Nodes.Select(node => node.Client(cluster.ApiKey)).ToList();
        var jobId = await ClusterClient.EnqueueIngestAsync(clients[0], Kb, cluster.WriteCorpus("before", 40));
        await ClusterClient.WaitJobAsync(clients[0], jobId, job => ClusterClient.State(job) == "succeeded", TimeSpan.FromSeconds(60));
        var statuses = new ConcurrentBag<HttpStatusCode>();
        using var traffic = new CancellationTokenSource();
        var load = Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            while (!traffic.IsCancellationRequested)
            {
                using var response = await client.GetAsync(new Uri($"/v1/knowledge-bases/{Kb}/search?q=zebra&k=5", UriKind.Relative));
                statuses.Add(response.StatusCode);
                await Task.Delay(20);
            }
        })));

        await Task.Delay(500);
        fixture.Postgres.Stop();
        await Task.Delay(2000);
        var duringOutage = statuses.Count;
        fixture.Postgres.Start();
        await Task.Delay(3000);
        await traffic.CancelAsync();
        await load;

        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses);
        Assert.True(statuses.Count > duringOutage, "no request answered after the restart");
        Assert.Equal(40, (await ClusterClient.ListSourcesAsync(clients[2], Kb)).Count);
        var after = await ClusterClient.EnqueueIngestAsync(clients[1], Kb, cluster.WriteCorpus("after", 10));
        await ClusterClient.WaitJobAsync(clients[1], after, job => ClusterClient.State(job) == "succeeded", TimeSpan.FromSeconds(60));
        var hits = await ClusterClient.SearchDocumentsAsync(clients[2], Kb, "zebra");
        Assert.Equal(50, hits.Distinct().Count());
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
