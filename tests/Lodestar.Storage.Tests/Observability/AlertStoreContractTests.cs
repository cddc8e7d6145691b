using Lodestar.Core;
using Lodestar.Observability.Alerts;

namespace Lodestar.Storage.Tests.Observability;

/// <summary>What every <see cref="IAlertStore"/> must do; one subclass per backend.</summary>
public abstract class AlertStoreContractTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    protected abstract IAlertStore CreateStore();

    internal static AlertEvent Event(string tenant, string key, DateTimeOffset at) =>
        new(tenant, "rule:p99", key, AlertSeverity.Critical, "p99 is 2500 ms", new Dictionary<string, string> { ["value"] = "2500" }) { OccurredAt = at };

    internal static AlertRule Rule(string id, string tenant = "acme", string name = "latency") =>
        new(id, tenant, name, AlertMetric.AskLatencyP99Ms, AlertComparison.Above, 2000, TimeSpan.FromMinutes(5), AlertSeverity.Critical);

    [Fact]
    public async Task Append_ThenList_NewestFirstPerTenantWithDetails()
    {
        var store = CreateStore();
        var first = await store.AppendAsync(Event("acme", "a", Noon));
        var second = await store.AppendAsync(Event("acme", "b", Noon.AddMinutes(1)));
        await store.AppendAsync(Event("globex", "c", Noon));

        var listed = await store.ListAsync("acme", Noon, 10);

        Assert.True(second > first);
        Assert.Equal([second, first], listed.Select(a => a.Id));
        Assert.Equal("2500", listed[0].Event.Details!["value"]);
        Assert.Equal((Noon.AddMinutes(1), AlertSeverity.Critical, (DateTimeOffset?)null, 0), (listed[0].Event.OccurredAt, listed[0].Event.Severity, listed[0].DeliveredAt, listed[0].DeliveryAttempts));
    }

    [Fact]
    public async Task ClaimUndelivered_ClaimedEvents_NotHandedOutAgainUntilLeaseLapses()
    {
        var store = CreateStore();
        var first = await store.AppendAsync(Event("acme", "a", Noon));
        var second = await store.AppendAsync(Event("globex", "b", Noon));

        var claimed = await store.ClaimUndeliveredAsync(5, 10, Noon, Lease);
        var again = await store.ClaimUndeliveredAsync(5, 10, Noon.AddMinutes(1), Lease);
        var lapsed = await store.ClaimUndeliveredAsync(5, 1, Noon + Lease, Lease);

        Assert.Equal([first, second], claimed.Select(a => a.Id));
        Assert.Empty(again);
        Assert.Equal([first], lapsed.Select(a => a.Id));
    }

    [Fact]
    public async Task MarkDelivery_FailureReleasesClaimAndCounts_SuccessOrMaxAttemptsEndsIt()
    {
        var store = CreateStore();
        var delivered = await store.AppendAsync(Event("acme", "a", Noon));
        var failing = await store.AppendAsync(Event("acme", "b", Noon));
        await store.ClaimUndeliveredAsync(2, 10, Noon, Lease);

        await store.MarkDeliveryAsync(delivered, true, Noon.AddSeconds(1));
        await store.MarkDeliveryAsync(failing, false, Noon.AddSeconds(1));
        var retry = await store.ClaimUndeliveredAsync(2, 10, Noon.AddSeconds(2), Lease);
        await store.MarkDeliveryAsync(failing, false, Noon.AddSeconds(3));
        var exhausted = await store.ClaimUndeliveredAsync(2, 10, Noon.AddSeconds(4), Lease);

        Assert.Equal((failing, 1), (Assert.Single(retry).Id, retry[0].DeliveryAttempts));
        Assert.Empty(exhausted);
        var listed = (await store.ListAsync("acme", Noon, 10)).ToDictionary(a => a.Id);
        Assert.Equal((Noon.AddSeconds(1), 1), (listed[delivered].DeliveredAt, listed[delivered].DeliveryAttempts));
        Assert.Equal(((DateTimeOffset?)null, 2), (listed[failing].DeliveredAt, listed[failing].DeliveryAttempts));
    }

    [Fact]
    public async Task SaveRule_UpsertListDelete_ScopedToTenant()
    {
        var store = CreateStore();
        await store.SaveRuleAsync(Rule("r1"));
        await store.SaveRuleAsync(Rule("r2", "globex"));
        await store.SaveRuleAsync(Rule("r1") with { Threshold = 3000, Enabled = false });
        await store.SaveRuleAsync(Rule("r1", "globex", "hijack"));

        var acme = await store.ListRulesAsync("acme");
        var all = await store.ListRulesAsync(null);
        var deletedByOther = await store.DeleteRuleAsync("globex", "r1");
        var deleted = await store.DeleteRuleAsync("acme", "r1");

        Assert.Equal(Rule("r1") with { Threshold = 3000, Enabled = false }, Assert.Single(acme));
        Assert.Equal(["r1", "r2"], all.Select(r => r.Id));
        Assert.Equal((false, true), (deletedByOther, deleted));
        Assert.Equal(["r2"], (await store.ListRulesAsync(null)).Select(r => r.Id));
    }

    [Fact]
    public async Task SetFiring_OnlyWhenStateChanges_ReturnsWhetherThisCallChangedIt()
    {
        var store = CreateStore();
        await store.SaveRuleAsync(Rule("r1"));

        var fired = await store.SetFiringAsync("acme", "r1", Noon);
        var firedAgain = await store.SetFiringAsync("acme", "r1", Noon.AddMinutes(1));
        var resolved = await store.SetFiringAsync("acme", "r1", null);
        var resolvedAgain = await store.SetFiringAsync("acme", "r1", null);
        var otherTenant = await store.SetFiringAsync("globex", "r1", Noon);

        Assert.Equal((true, false, true, false, false), (fired, firedAgain, resolved, resolvedAgain, otherTenant));
        Assert.Null(Assert.Single(await store.ListRulesAsync("acme")).FiringSince);
    }

    [Fact]
    public async Task SetFiring_Fired_RuleReadsFiringSince()
    {
        var store = CreateStore();
        await store.SaveRuleAsync(Rule("r1"));

        await store.SetFiringAsync("acme", "r1", Noon);

        Assert.Equal(Noon, Assert.Single(await store.ListRulesAsync("acme")).FiringSince);
    }

    [Fact]
    public async Task Webhooks_AddListDelete_ScopedToTenant()
    {
        var store = CreateStore();
        var hook = await store.AddWebhookAsync("acme", new Uri("https://hooks.example/alerts?x=1"));
        await store.AddWebhookAsync("globex", new Uri("https://hooks.example/other"));

        var listed = await store.ListWebhooksAsync("acme");
        var deletedByOther = await store.DeleteWebhookAsync("globex", hook.Id);
        var deleted = await store.DeleteWebhookAsync("acme", hook.Id);

        Assert.Equal((hook.Id, hook.Url), (Assert.Single(listed).Id, listed[0].Url));
        Assert.Equal((false, true), (deletedByOther, deleted));
        Assert.Empty(await store.ListWebhooksAsync("acme"));
    }
}
