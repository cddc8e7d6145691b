using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Server.Tests.Serving;

namespace Lodestar.Server.Tests.Cluster;

/// <summary>The model calls the cluster tests make against any node.</summary>
internal static class ClusterModels
{
    /// <summary>Trains a fresh model twice (GBDT, then logistic) through <paramref name="client"/>'s node; returns its name.</summary>
    public static async Task<string> TrainTwoVersionsAsync(LodestarCluster cluster, HttpClient client)
    {
        var model = "churn-" + Guid.NewGuid().ToString("N")[..8];
        var csv = ChurnData.WriteCsv(cluster.Root, model + ".csv", 600, 5);
        foreach (var algorithm in new[] { "gbdt", "logistic" })
        {
            using var trained = await client.PostAsJsonAsync(new Uri($"/v1/models/{model}/train", UriKind.Relative), new { dataPath = csv, target = "churned", algorithm });
            Assert.True(trained.StatusCode == HttpStatusCode.Created, await trained.Content.ReadAsStringAsync());
        }

        return model;
    }

    public static async Task<JsonElement> DeployAsync(HttpClient client, string endpoint, object body)
    {
        using var response = await client.PutAsJsonAsync(new Uri($"/v1/endpoints/{endpoint}", UriKind.Relative), body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>One prediction request: its status and, when it succeeded, the version that answered.</summary>
    public static async Task<(HttpStatusCode Status, int? Version, string Body)> PredictAsync(HttpClient client, string endpoint)
    {
        using var response = await client.PostAsJsonAsync(new Uri($"/v1/endpoints/{endpoint}/predict", UriKind.Relative), new { rows = ChurnData.Rows(2) });
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement.GetProperty("version").GetInt32() : null, body);
    }

    /// <summary>Predicts until <paramref name="version"/> answers; returns how long that took after the call.</summary>
    public static async Task<TimeSpan> WaitServedAsync(HttpClient client, string endpoint, int version, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (status, served, body) = await PredictAsync(client, endpoint);
            Assert.True(status == HttpStatusCode.OK, body);
            if (served == version)
            {
                return clock.Elapsed;
            }

            Assert.True(clock.Elapsed < timeout, $"version {version} did not answer within {timeout}; still {served}");
            await Task.Delay(50);
        }
    }
}
