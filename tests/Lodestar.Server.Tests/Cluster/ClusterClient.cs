using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Testing;

namespace Lodestar.Server.Tests.Cluster;

/// <summary>The HTTP calls the fault tests make against any node.</summary>
internal static class ClusterClient
{
    public static async Task<string> EnqueueIngestAsync(HttpClient client, string kb, string path)
    {
        using var response = await client.PostAsJsonAsync(new Uri($"/v1/knowledge-bases/{kb}/ingest-jobs", UriKind.Relative), new { path });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        using var job = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return job.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Reads a job; a 429 is waited out as its Retry-After says, as a well-behaved client would.</summary>
    public static async Task<JsonElement> GetJobAsync(HttpClient client, string jobId)
    {
        using var response = await client.GetAsync(new Uri($"/v1/jobs/{jobId}", UriKind.Relative));
        if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        {
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            return await GetJobAsync(client, jobId);
        }

        response.EnsureSuccessStatusCode();
        using var job = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return job.RootElement.Clone();
    }

    /// <summary>Polls the job until <paramref name="done"/> holds; fails with the job's last state after <paramref name="timeout"/>.</summary>
    public static Task<JsonElement> WaitJobAsync(HttpClient client, string jobId, Func<JsonElement, bool> done, TimeSpan timeout) =>
        Eventually.WaitForAsync(() => GetJobAsync(client, jobId), done, $"job {jobId} to reach the expected state", timeout);

    public static string State(JsonElement job) => job.GetProperty("state").GetString()!;

    public static async Task<IReadOnlyList<string>> ListSourcesAsync(HttpClient client, string kb)
    {
        using var response = await client.GetAsync(new Uri($"/v1/knowledge-bases/{kb}/documents", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var documents = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return documents.RootElement.EnumerateArray().Select(d => d.GetProperty("source").GetString()!).ToList();
    }

    /// <summary>Document ids of the BM25 hits for <paramref name="query"/> (up to 1000), as this node's index returns them.</summary>
    public static async Task<IReadOnlyList<string>> SearchDocumentsAsync(HttpClient client, string kb, string query)
    {
        using var response = await client.GetAsync(new Uri($"/v1/knowledge-bases/{kb}/search?q={Uri.EscapeDataString(query)}&k=1000", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var hits = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return hits.RootElement.GetProperty("results").EnumerateArray().Select(h => h.GetProperty("documentId").GetString()!).ToList();
    }
}
