using System.Text.Json;
using Lodestar.Core;
using Lodestar.Observability.Alerts;
using Lodestar.Observability.Tests.Support;
using Lodestar.Testing;

namespace Lodestar.Observability.Tests.Alerts;

public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task DeliverPending_ReceiverFailsTwiceThenAccepts_IsRetriedAndMarkedDelivered()
    {
        // Arrange
        using var services = new ObservabilityServices();
        var calls = 0;
        await using var receiver = new ScriptedHttpServer(e => e.ReplyAsync(Interlocked.Increment(ref calls) <= 2 ? 503 : 204, string.Empty));
        var store = services.Get<IAlertStore>();
        await store.AddWebhookAsync("t1", new Uri(receiver.BaseUrl, "/hooks/alerts"));
        await services.Get<IAlertSink>().RaiseAsync(new AlertEvent("t1", "rule:slow", "rule:r1", AlertSeverity.Critical, "p99 is 2500 ms", new Dictionary<string, string> { ["value"] = "2500" }));

        // Act
        var delivered = await services.Get<WebhookDelivery>().DeliverPendingAsync();

        // Assert
        Assert.Equal(1, delivered);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal("/hooks/alerts", r.Path));
        using var payload = JsonDocument.Parse(receiver.Requests[^1].Body);
        Assert.Equal("critical", payload.RootElement.GetProperty("severity").GetString());
        Assert.Equal("p99 is 2500 ms", payload.RootElement.GetProperty("message").GetString());
        Assert.Equal("2500", payload.RootElement.GetProperty("details").GetProperty("value").GetString());
        var stored = Assert.Single(await store.ListAsync("t1", DateTimeOffset.UtcNow.AddHours(-1), 10));
        Assert.NotNull(stored.DeliveredAt);
        Assert.Equal(0, await services.Get<WebhookDelivery>().DeliverPendingAsync());
    }

    [Fact]
    public async Task DeliverPending_ReceiverAlwaysFails_StaysPendingUntilMaxPassesThenGivesUp()
    {
        // Arrange
        using var services = new ObservabilityServices();
        await using var receiver = new ScriptedHttpServer(e => e.ReplyAsync(500, string.Empty));
        var store = services.Get<IAlertStore>();
        await store.AddWebhookAsync("t1", receiver.BaseUrl);
        await services.Get<IAlertSink>().RaiseAsync(new AlertEvent("t1", "budget", "budget:k", AlertSeverity.Warning, "budget 80% used"));
        var delivery = services.Get<WebhookDelivery>();

        // Act
        for (var pass = 0; pass < WebhookDelivery.MaxPasses + 1; pass++)
        {
            Assert.Equal(0, await delivery.DeliverPendingAsync());
        }

        // Assert: each pass tries once plus three retries; after the last pass the event is no longer tried.
        Assert.Equal(WebhookDelivery.MaxPasses * 4, receiver.Requests.Count);
        var stored = Assert.Single(await store.ListAsync("t1", DateTimeOffset.UtcNow.AddHours(-1), 10));
        Assert.Null(stored.DeliveredAt);
        Assert.Equal(WebhookDelivery.MaxPasses, stored.DeliveryAttempts);
    }

    [Fact]
    public async Task DeliverPending_OtherTenantsWebhook_NeverReceivesTheAlert()
    {
        // Arrange
        using var services = new ObservabilityServices();
        await using var receiver = new ScriptedHttpServer(e => e.ReplyAsync(204, string.Empty));
        await services.Get<IAlertStore>().AddWebhookAsync("other", receiver.BaseUrl);
        await services.Get<IAlertSink>().RaiseAsync(new AlertEvent("t1", "budget", "budget:k", AlertSeverity.Warning, "budget 80% used"));

        // Act
        var delivered = await services.Get<WebhookDelivery>().DeliverPendingAsync();

        // Assert: with no webhook of its own the event counts as delivered, and nothing went to the other tenant.
        Assert.Equal(1, delivered);
        Assert.Empty(receiver.Requests);
    }
}
