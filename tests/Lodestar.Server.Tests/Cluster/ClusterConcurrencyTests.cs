using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lodestar.Server.Tests.Cluster;

/// <summary>Two nodes changing the same thing from the same state: exactly one wins, the other gets 409, whichever node it asked.</summary>
public sealed class ClusterConcurrencyTests(TwoNodeFixture fixture) : IClassFixture<TwoNodeFixture>
{
    [Fact]
    public async Task MoveAlias_BothNodesFromSameRowVersion_One200One409()
    {
        var cluster = fixture.Cluster;
        using var a = cluster.Nodes[0].Client(cluster.ApiKey);
        using var b = cluster.Nodes[1].Client(cluster.ApiKey);
        var model = await ClusterModels.TrainTwoVersionsAsync(cluster, a);
        using var first = await a.PutAsJsonAsync(new Uri($"/v1/models/{model}/aliases/staging", UriKind.Relative), new { version = 1, expectedRowVersion = 0 });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var moves = await Task.WhenAll(
            a.PutAsJsonAsync(new Uri($"/v1/models/{model}/aliases/staging", UriKind.Relative), new { version = 2, expectedRowVersion = 1 }),
            b.PutAsJsonAsync(new Uri($"/v1/models/{model}/aliases/staging", UriKind.Relative), new { version = 2, expectedRowVersion = 1 }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], moves.Select(m => m.StatusCode).Order());
        using var alias = await b.GetAsync(new Uri($"/v1/models/{model}/aliases/staging", UriKind.Relative));
        Assert.Equal(2, (await alias.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        foreach (var move in moves)
        {
            move.Dispose();
        }
    }

    [Fact]
    public async Task PutAcl_BothNodesWithSameIfMatch_One200One409AndStaleTagStays409()
    {
        var cluster = fixture.Cluster;
        using var a = cluster.Nodes[0].Client(cluster.ApiKey);
        using var b = cluster.Nodes[1].Client(cluster.ApiKey);
        var kb = "acl" + Guid.NewGuid().ToString("N")[..8];
        var jobId = await ClusterClient.EnqueueIngestAsync(a, kb, cluster.WriteCorpus(kb, 1));
        Assert.Equal("succeeded", ClusterClient.State(await ClusterClient.WaitJobAsync(a, jobId, job => ClusterClient.State(job) is "succeeded" or "failed", TimeSpan.FromSeconds(60))));
        using var documents = await a.GetAsync(new Uri($"/v1/knowledge-bases/{kb}/documents", UriKind.Relative));
        var id = (await documents.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString()!;
        var acl = new Uri($"/v1/knowledge-bases/{kb}/documents/{id}/acl", UriKind.Relative);
        using var read = await b.GetAsync(acl);
        var tag = read.Headers.ETag!;

        var puts = await Task.WhenAll(PutAclAsync(a, acl, tag.ToString(), "user:alice"), PutAclAsync(b, acl, tag.ToString(), "user:bob"));
        using var stale = await PutAclAsync(b, acl, tag.ToString(), "user:mallory");
        using var malformed = await PutAclAsync(b, acl, "\"x\", \"y\"", "user:mallory");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], puts.Select(p => p.StatusCode).Order());
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.BadRequest), (stale.StatusCode, malformed.StatusCode));
        var winner = puts.Single(p => p.StatusCode == HttpStatusCode.OK);
        using var now = await a.GetAsync(acl);
        Assert.Equal(winner.Headers.ETag, now.Headers.ETag);
        Assert.Equal(
            (await winner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allow").EnumerateArray().Single().GetString(),
            (await now.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allow").EnumerateArray().Single().GetString());
        foreach (var put in puts)
        {
            put.Dispose();
        }
    }

    private static async Task<HttpResponseMessage> PutAclAsync(HttpClient client, Uri acl, string ifMatch, string allow)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, acl) { Content = JsonContent.Create(new { allow = new[] { allow } }) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }
}
