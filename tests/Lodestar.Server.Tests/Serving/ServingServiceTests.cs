using System.Text.Json;
using Lodestar.Core;
using Lodestar.Models.Registry;
using Lodestar.Models.Serving;
using Lodestar.Server.Tests.Http;
using Lodestar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Tests.Serving;

/// <summary>Model serving over the real SQLite stores of a server's data directory, without HTTP in between.</summary>
public sealed class ServingServiceTests
{
    [Fact]
    public async Task AutomaticRollback_RaisesACriticalAlertNamingTheEndpoint()
    {
        await using var server = await LoopbackServer.StartAsync();
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var sink = new RecordingAlertSink();
        await using var serving = Serving(server, sink, allowFaults: true);
        await serving.DeployAsync(Principal.LocalAdministrator, "churn-api", new DeployRequest(
            "churn:1",
            Canary: new TrafficRequest("churn:2", 50, new FaultInjection(ErrorRate: 1)),
            Slo: new EndpointSlo(P99Ms: 1000, MaxErrorRate: 0.1, MinRequests: 3)));

        for (var i = 0; i < 100 && sink.Alerts.IsEmpty; i++)
        {
            try
            {
                await serving.PredictAsync(Principal.LocalAdministrator, "churn-api", Rows(i));
            }
            catch (LodestarException error) when (error.Kind == ErrorKind.Unavailable)
            {
                // The canary's injected failures: what the SLO is about to catch.
            }

            await Task.Delay(5);
        }

        // The alert follows the rollback's save and audit record in the background.
        var alert = Assert.Single(await Eventually.WaitForAsync(() => Task.FromResult(sink.Alerts), alerts => !alerts.IsEmpty, "the rollback alert"));
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal("models.serving", alert.Source);
        Assert.Equal("endpoint:churn-api:rollback", alert.Key);
        Assert.Contains("error rate 100.0%", alert.Message, StringComparison.Ordinal);
        Assert.Null((await serving.GetStatusAsync(Principal.LocalAdministrator, "churn-api")).Deployment.Canary);
    }

    [Fact]
    public async Task PredictionLog_WithFullSampling_IsReadableAsADataset()
    {
        await using var server = await LoopbackServer.StartAsync();
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        await using var serving = Serving(server, new RecordingAlertSink(), allowFaults: false);
        await serving.DeployAsync(Principal.LocalAdministrator, "churn-api", new DeployRequest("churn:1", LogSampleRate: 1));

        var result = await serving.PredictAsync(Principal.LocalAdministrator, "churn-api", Rows(7, count: 5));
        await serving.FlushPredictionLogAsync();
        var logged = await server.Services.GetRequiredService<IPredictionLogReader>().ReadAsync(new PredictionLogQuery(Principal.DefaultTenant, "churn-api"));
        var dataset = PredictionLogDataset.ToDataset(logged);

        Assert.Equal(5, logged.Count);
        Assert.All(logged, row => Assert.Equal(("churn", 1), (row.Model, row.Version)));
        Assert.Equal(result.Predictions, logged.Select(row => row.Prediction));
        Assert.Equal(["tenure", "spend", "plan", "prediction"], dataset.Columns.Select(c => c.Name));
        Assert.True(dataset.Get("tenure").AllNumeric);
        Assert.Empty(await server.Services.GetRequiredService<IPredictionLogReader>().ReadAsync(new PredictionLogQuery("other-tenant", "churn-api")));
    }

    [Fact]
    public async Task Deploy_NewPrimary_KeepsThePreviousOneForRollback_AndAnotherProcessSeesTheChange()
    {
        await using var server = await LoopbackServer.StartAsync();
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        await using var first = Serving(server, new RecordingAlertSink(), allowFaults: false);
        await using var second = Serving(server, new RecordingAlertSink(), allowFaults: false);
        await first.DeployAsync(Principal.LocalAdministrator, "churn-api", new DeployRequest("churn:1"));
        Assert.Equal(1, (await second.PredictAsync(Principal.LocalAdministrator, "churn-api", Rows(1))).Version);

        var redeployed = await first.DeployAsync(Principal.LocalAdministrator, "churn-api", new DeployRequest("churn:2"));
        // The other process re-reads deployments on its refresh interval (about a second).
        var seen = await Eventually.WaitForAsync(() => second.PredictAsync(Principal.LocalAdministrator, "churn-api", Rows(2)), answer => answer.Version == 2, "the other process to serve version 2");

        Assert.Equal(new ServedVersion("churn", 1), redeployed.PreviousPrimary);
        Assert.Equal(2, seen.Version);
    }

    private static ModelServing Serving(LoopbackServer server, RecordingAlertSink sink, bool allowFaults) =>
        new(server.Services.GetRequiredService<ModelRegistry>(), server.Services.GetRequiredService<IEndpointStore>(), server.Services.GetRequiredService<IPredictionLogStore>(),
            server.Services.GetRequiredService<IAuditLog>(), [sink], new ServingOptions { AllowFaultInjection = allowFaults }, TimeProvider.System);

    private static JsonElement Rows(int seed, int count = 1) => JsonSerializer.SerializeToElement(ChurnData.Rows(count, seed));
}
