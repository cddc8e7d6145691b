using Lodestar.Observability.Costs;

namespace Lodestar.Storage.Tests.Observability;

/// <summary>What every <see cref="IUsageStore"/> must do; one subclass per backend.</summary>
public abstract class UsageStoreContractTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    protected abstract IUsageStore CreateStore();

    internal static UsageEntry Call(DateTimeOffset at, string tenant = "acme", string user = "alice", string? key = "k1", string model = "gpt-x", decimal cost = 0.001m) =>
        new(at, tenant, user, key, "handbook", model, 100, 20, 1, cost);

    [Fact]
    public async Task Add_SameDayAndSubject_RollsUpIntoOneTotal()
    {
        var store = CreateStore();

        await store.AddAsync(Call(Noon));
        await store.AddAsync(Call(Noon.AddHours(1), cost: 0.000000001m));
        await store.AddAsync(Call(Noon.AddDays(1)));
        var byDay = await store.ReadTotalsAsync("acme", Noon.Date, UsageGrouping.Day);

        Assert.Equal([new UsageTotal("2026-11-22", 2, 200, 40, 2, 0.001000001m), new UsageTotal("2026-11-23", 1, 100, 20, 1, 0.001m)], byDay);
    }

    [Fact]
    public async Task ReadTotals_ByKeyAndUser_GroupsAndOrdersByCost()
    {
        var store = CreateStore();
        await store.AddAsync(Call(Noon, user: "alice", key: "k1", cost: 1m));
        await store.AddAsync(Call(Noon, user: "bob", key: null, cost: 3m));
        await store.AddAsync(Call(Noon, user: "bob", key: "k1", cost: 1m));
        await store.AddAsync(Call(Noon, tenant: "globex", cost: 50m));

        var byUser = await store.ReadTotalsAsync("acme", Noon, UsageGrouping.User);
        var byKey = await store.ReadTotalsAsync("acme", Noon, UsageGrouping.Key);

        Assert.Equal([("bob", 4m), ("alice", 1m)], byUser.Select(t => (t.Group, t.Cost)));
        Assert.Equal([(string.Empty, 3m), ("k1", 2m)], byKey.Select(t => (t.Group, t.Cost)));
    }

    [Fact]
    public async Task SumCost_SinceDayAndKey_CountsOnlyThose()
    {
        var store = CreateStore();
        await store.AddAsync(Call(Noon.AddDays(-40), cost: 100m));
        await store.AddAsync(Call(Noon, key: "k1", cost: 2m));
        await store.AddAsync(Call(Noon, key: "k2", cost: 5m));

        Assert.Equal(7m, await store.SumCostAsync("acme", null, Noon.AddDays(-1)));
        Assert.Equal(5m, await store.SumCostAsync("acme", "k2", Noon.AddDays(-1)));
        Assert.Equal(0m, await store.SumCostAsync("globex", null, Noon.AddDays(-1)));
    }

    [Fact]
    public async Task Budgets_SetReplaceDelete_ListsCurrent()
    {
        var store = CreateStore();
        await store.SetBudgetAsync(new Budget("acme", BudgetScope.Tenant, "acme", 8m, 10m));
        await store.SetBudgetAsync(new Budget("acme", BudgetScope.Key, "k1", 1m, 2m));
        await store.SetBudgetAsync(new Budget("acme", BudgetScope.Tenant, "acme", 80m, 100m));

        var deleted = await store.DeleteBudgetAsync("acme", BudgetScope.Key, "k1");
        var missing = await store.DeleteBudgetAsync("acme", BudgetScope.Key, "k1");

        Assert.Equal((true, false), (deleted, missing));
        Assert.Equal([new Budget("acme", BudgetScope.Tenant, "acme", 80m, 100m)], await store.ListBudgetsAsync("acme"));
        Assert.Empty(await store.ListBudgetsAsync("globex"));
    }
}
