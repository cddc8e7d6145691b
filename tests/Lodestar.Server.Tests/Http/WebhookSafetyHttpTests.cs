using System.Net;
using System.Net.Http.Json;
using Lodestar.Core;

namespace Lodestar.Server.Tests.Http;

public sealed class WebhookSafetyHttpTests
{
    [Fact]
    public async Task Register_InternalWebhookWithoutAllowance_Is400ForAlertsAndDrift()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var admin = await server.ClientForAsync("ada", [Role.Admin]);
        await Serving.ChurnData.TrainAsync(server, Serving.ChurnData.WriteCsv(server.DataDirectory, "churn.csv", 300, 3), "churn", global::Lodestar.Models.Training.Algorithm.Logistic);

        var alertHook = await admin.PostAsJsonAsync("/v1/alerts/webhooks", new { url = "http://127.0.0.1:9/hook" });
        var driftHook = await admin.PutAsJsonAsync("/v1/models/churn/drift/monitor", new
        {
            rules = new object[] { new { action = "webhook", url = "http://169.254.169.254/latest/meta-data" } },
        });
        var listed = await admin.GetStringAsync("/v1/alerts/webhooks");

        Assert.Equal(HttpStatusCode.BadRequest, alertHook.StatusCode);
        Assert.Contains("LODESTAR_WEBHOOK_ALLOW_PRIVATE", await alertHook.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, driftHook.StatusCode);
        Assert.Contains("169.254.169.254", await driftHook.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("[]", listed);
    }
}
