using Lodestar.Core;
using Lodestar.Knowledge.Documents;

namespace Lodestar.Storage.Tests.Governance;

/// <summary>What every <see cref="IAccessControlOverrideStore"/> must do; one subclass per backend.</summary>
public abstract class AclOverrideStoreContractTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
    private static readonly KnowledgeBaseId Hr = new("acme", "hr");

    [Fact]
    public async Task SetAsync_ThenFind_RoundTripsBothAclsAndWho()
    {
        var store = CreateStore();
        var value = new AccessControlOverride("doc_1", new AccessControlList(["group:hr"], ["user:bob"]), new AccessControlList(["user:alice"], []), "carol", At);

        var written = await store.SetAsync(Hr, value, null);

        Assert.True(written);
        Assert.Equal(value, await store.FindAsync(Hr, "doc_1"));
    }

    [Fact]
    public async Task SetAsync_Twice_ReplacesTheOverride()
    {
        var store = CreateStore();
        var first = new AccessControlOverride("doc_1", new AccessControlList(["group:hr"], []), AccessControlList.Open, "carol", At);
        await store.SetAsync(Hr, first, null);

        Assert.True(await store.SetAsync(Hr, new AccessControlOverride("doc_1", new AccessControlList([], ["user:bob"]), AccessControlList.Open, "dave", At.AddMinutes(1)), first));
        var found = (await store.FindAsync(Hr, "doc_1"))!;

        Assert.Equal(new AccessControlList([], ["user:bob"]), found.Acl);
        Assert.Equal("dave", found.SetBy);
    }

    [Fact]
    public async Task FindAndRemove_OtherTenantOrKnowledgeBase_SeeNothing()
    {
        var store = CreateStore();
        var value = new AccessControlOverride("doc_1", new AccessControlList(["group:hr"], []), AccessControlList.Open, "carol", At);
        await store.SetAsync(Hr, value, null);

        Assert.Null(await store.FindAsync(new KnowledgeBaseId("other", "hr"), "doc_1"));
        Assert.Null(await store.FindAsync(new KnowledgeBaseId("acme", "eng"), "doc_1"));
        Assert.False(await store.RemoveAsync(new KnowledgeBaseId("other", "hr"), value));
        Assert.True(await store.RemoveAsync(Hr, value));
        Assert.Null(await store.FindAsync(Hr, "doc_1"));
    }

    [Fact]
    public async Task RemoveAsync_StaleExpectation_KeepsTheNewerOverride()
    {
        var store = CreateStore();
        var first = new AccessControlOverride("doc_1", new AccessControlList(["group:hr"], []), AccessControlList.Open, "carol", At);
        var second = first with { Acl = new AccessControlList(["user:dave"], []), SetBy = "dave", SetAt = At.AddTicks(1) };
        await store.SetAsync(Hr, first, null);
        await store.SetAsync(Hr, second, first);

        var removed = await store.RemoveAsync(Hr, first);

        Assert.False(removed);
        Assert.Equal(second, await store.FindAsync(Hr, "doc_1"));
    }

    [Fact]
    public async Task SetAsync_StaleExpectation_WritesNothing()
    {
        var store = CreateStore();
        var first = new AccessControlOverride("doc_1", new AccessControlList(["group:hr"], []), AccessControlList.Open, "carol", At);
        var second = first with { Acl = new AccessControlList(["user:dave"], []), SetBy = "dave", SetAt = At.AddTicks(1) };
        await store.SetAsync(Hr, first, null);
        await store.SetAsync(Hr, second, first);

        var overFirst = await store.SetAsync(Hr, first with { SetBy = "erin", SetAt = At.AddMinutes(5) }, first);
        var overNothing = await store.SetAsync(Hr, first with { SetBy = "erin", SetAt = At.AddMinutes(5) }, null);

        Assert.Equal((false, false), (overFirst, overNothing));
        Assert.Equal(second, await store.FindAsync(Hr, "doc_1"));
    }

    [Fact]
    public async Task SetAsync_TwoHandlesReplaceTheSameState_ExactlyOneWins()
    {
        var (a, b) = (CreateStore(), CreateStore());
        var first = new AccessControlOverride("doc_1", new AccessControlList(["group:hr"], []), AccessControlList.Open, "carol", At);
        await a.SetAsync(Hr, first, null);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            (i % 2 == 0 ? a : b).SetAsync(Hr, first with { SetBy = $"admin{i}", SetAt = At.AddSeconds(i + 1) }, first))));

        Assert.Single(outcomes, won => won);
    }

    /// <summary>A store over the backend's one database; each call is another handle (for PostgreSQL, another node's pool).</summary>
    protected abstract IAccessControlOverrideStore CreateStore();
}
