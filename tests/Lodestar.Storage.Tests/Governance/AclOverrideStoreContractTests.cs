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

        await store.SetAsync(Hr, value);

        Assert.Equal(value, await store.FindAsync(Hr, "doc_1"));
    }

    [Fact]
    public async Task SetAsync_Twice_ReplacesTheOverride()
    {
        var store = CreateStore();
        await store.SetAsync(Hr, new AccessControlOverride("doc_1", new AccessControlList(["group:hr"], []), AccessControlList.Open, "carol", At));

        await store.SetAsync(Hr, new AccessControlOverride("doc_1", new AccessControlList([], ["user:bob"]), AccessControlList.Open, "dave", At.AddMinutes(1)));
        var found = (await store.FindAsync(Hr, "doc_1"))!;

        Assert.Equal(new AccessControlList([], ["user:bob"]), found.Acl);
        Assert.Equal("dave", found.SetBy);
    }

    [Fact]
    public async Task FindAndRemove_OtherTenantOrKnowledgeBase_SeeNothing()
    {
        var store = CreateStore();
        await store.SetAsync(Hr, new AccessControlOverride("doc_1", new AccessControlList(["group:hr"], []), AccessControlList.Open, "carol", At));

        Assert.Null(await store.FindAsync(new KnowledgeBaseId("other", "hr"), "doc_1"));
        Assert.Null(await store.FindAsync(new KnowledgeBaseId("acme", "eng"), "doc_1"));
        Assert.False(await store.RemoveAsync(new KnowledgeBaseId("other", "hr"), "doc_1"));
        Assert.True(await store.RemoveAsync(Hr, "doc_1"));
        Assert.Null(await store.FindAsync(Hr, "doc_1"));
    }

    protected abstract IAccessControlOverrideStore CreateStore();
}
