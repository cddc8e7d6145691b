using System.Net;
using System.Net.Http.Json;
using Lodestar.Core;
using Lodestar.Server.Tests.Http;
using Lodestar.Testing;

namespace Lodestar.Server.Tests.Cluster;

/// <summary>Ingestion as a durable job on the default single node (SQLite queue), and readiness.</summary>
public sealed class JobEndpointTests
{
    [Fact]
    public async Task IngestJob_ServerSidePath_RunsToSuccessWithReport()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var folder = new TemporaryDirectory();
        folder.Write("a.md", "# A\n\nThe zebra crossing.\n");
        folder.Write("b.md", "# B\n\nAnother zebra.\n");
        using var curator = await server.ClientForAsync("carol", [Role.Curator, Role.Member]);

        var jobId = await ClusterClient.EnqueueIngestAsync(curator, "docs", folder.Path);
        var done = await ClusterClient.WaitJobAsync(curator, jobId, job => ClusterClient.State(job) is "succeeded" or "failed", TimeSpan.FromSeconds(30));

        Assert.Equal("succeeded", ClusterClient.State(done));
        Assert.Contains("\"added\":2", done.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await ClusterClient.SearchDocumentsAsync(curator, "docs", "zebra")).Count);
    }

    [Fact]
    public async Task IngestJob_MissingPath_Is400AndQueuesNothing()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var curator = await server.ClientForAsync("carol", [Role.Curator]);

        using var response = await curator.PostAsJsonAsync(new Uri("/v1/knowledge-bases/docs/ingest-jobs", UriKind.Relative), new { path = "/no/such/folder" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetJob_AnotherUsersJob_IsNotFound()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var folder = new TemporaryDirectory();
        folder.Write("a.md", "# A\n\ntext\n");
        using var curator = await server.ClientForAsync("carol", [Role.Curator]);
        using var other = await server.ClientForAsync("mallory", [Role.Member]);
        var jobId = await ClusterClient.EnqueueIngestAsync(curator, "docs", folder.Path);

        using var response = await other.GetAsync(new Uri($"/v1/jobs/{jobId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_AfterStart_TurnsReady()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var client = server.Anonymous();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        do
        {
            status = (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode;
            await Task.Delay(50);
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
