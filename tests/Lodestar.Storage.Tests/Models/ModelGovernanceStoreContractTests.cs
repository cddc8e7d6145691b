using Lodestar.Core;
using Lodestar.Models.Registry;

namespace Lodestar.Storage.Tests.Models;

/// <summary>What every <see cref="IModelGovernanceStore"/> must do; one subclass per backend.</summary>
public abstract class ModelGovernanceStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    protected abstract IModelGovernanceStore CreateStore();

    [Fact]
    public async Task Claim_SecondTenant_KeepsFirstOwner()
    {
        var store = CreateStore();

        var first = await store.ClaimAsync(ResourceKind.Model, "churn", "acme");
        var second = await store.ClaimAsync(ResourceKind.Model, "churn", "globex");

        Assert.Equal(("acme", "acme"), (first, second));
        Assert.Null(await store.GetOwnerAsync(ResourceKind.Experiment, "churn"));
    }

    [Fact]
    public async Task Author_IsWriteOnce_TagsSetAndRemove()
    {
        var store = CreateStore();

        await store.RecordAuthorAsync("churn", 1, "carol");
        await store.RecordAuthorAsync("churn", 1, "mallory");
        await store.SetVersionTagAsync("churn", 1, "reviewed", "no");
        await store.SetVersionTagAsync("churn", 1, "reviewed", "yes");
        await store.SetVersionTagAsync("churn", 1, "temp", "x");
        await store.SetVersionTagAsync("churn", 1, "temp", null);

        Assert.Equal("carol", await store.GetAuthorAsync("churn", 1));
        Assert.Equal(new Dictionary<string, string> { ["reviewed"] = "yes" }, await store.GetVersionTagsAsync("churn", 1));
    }

    [Fact]
    public async Task Policy_RoundTripsAndReplaces()
    {
        var store = CreateStore();

        await store.SetPolicyAsync("churn", new PromotionPolicy("champion", true, "auc", true));
        await store.SetPolicyAsync("churn", new PromotionPolicy("champion", false, "rmse", false));

        Assert.Equal(new PromotionPolicy("champion", false, "rmse", false), await store.GetPolicyAsync("churn", "champion"));
        Assert.Null(await store.GetPolicyAsync("churn", "staging"));
    }

    [Fact]
    public async Task Decide_Once_SecondDecisionConflicts()
    {
        var store = CreateStore();
        await store.CreatePromotionAsync(new PromotionRequest("r1", "churn", "champion", 2, "carol", Now, PromotionStatus.Pending, 3, "better"));

        var approved = await store.DecideAsync("r1", PromotionStatus.Approved, "ada", "ok", Now.AddMinutes(1));
        var again = await Assert.ThrowsAsync<LodestarException>(() => store.DecideAsync("r1", PromotionStatus.Rejected, "otto", null, Now.AddMinutes(2)));

        Assert.Equal(PromotionStatus.Approved, approved.Status);
        Assert.Equal(ErrorKind.Conflict, again.Kind);
        Assert.Equal(approved, await store.GetPromotionAsync("r1"));
        Assert.Equal(3, approved.ExpectedRowVersion);
    }

    [Fact]
    public async Task Decide_AsPending_InvalidAndStillPending()
    {
        var store = CreateStore();
        await store.CreatePromotionAsync(new PromotionRequest("r1", "churn", "champion", 2, "carol", Now, PromotionStatus.Pending, 0, null));

        var error = await Assert.ThrowsAsync<LodestarException>(() => store.DecideAsync("r1", PromotionStatus.Pending, "ada", null, Now));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal(PromotionStatus.Pending, (await store.GetPromotionAsync("r1"))!.Status);
    }

    [Fact]
    public async Task Decide_Concurrently_ExactlyOneWins()
    {
        var store = CreateStore();
        await store.CreatePromotionAsync(new PromotionRequest("r1", "churn", "champion", 2, "carol", Now, PromotionStatus.Pending, 0, null));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await store.DecideAsync("r1", PromotionStatus.Approved, $"admin{i}", null, Now);
                return true;
            }
            catch (LodestarException error) when (error.Kind == ErrorKind.Conflict)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, won => won);
    }

    [Fact]
    public async Task ListPromotions_NewestFirst_UnknownDecisionNotFound()
    {
        var store = CreateStore();
        await store.CreatePromotionAsync(new PromotionRequest("old", "churn", "champion", 1, "carol", Now, PromotionStatus.Pending, 0, null));
        await store.CreatePromotionAsync(new PromotionRequest("new", "churn", "champion", 2, "carol", Now.AddHours(1), PromotionStatus.Pending, 0, null));

        Assert.Equal(["new", "old"], (await store.ListPromotionsAsync("churn")).Select(r => r.Id));
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<LodestarException>(() => store.DecideAsync("nope", PromotionStatus.Rejected, "ada", null, Now))).Kind);
    }
}
