using Lodestar.Governance.Identity;

namespace Lodestar.Storage.Tests.Governance;

/// <summary>What every <see cref="IUserStore"/> must do; one subclass per backend.</summary>
public abstract class UserStoreContractTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    protected abstract IUserStore CreateStore();

    [Fact]
    public async Task TryAddAsync_NewUser_CanBeFoundWithAllFields()
    {
        var store = CreateStore();
        var user = new UserAccount("alice", "default", ["eng", "ops"], ["member", "curator"], Created);

        Assert.True(await store.TryAddAsync(user));
        var found = await store.FindAsync("alice");

        Assert.NotNull(found);
        Assert.Equal(("alice", "default", Created), (found.UserId, found.TenantId, found.CreatedAt));
        Assert.Equal(["eng", "ops"], found.Groups);
        Assert.Equal(["member", "curator"], found.Roles);
    }

    [Fact]
    public async Task TryAddAsync_SameIdInOtherTenant_ReturnsFalseAndKeepsFirst()
    {
        var store = CreateStore();
        await store.TryAddAsync(new UserAccount("alice", "default", [], ["member"], Created));

        Assert.False(await store.TryAddAsync(new UserAccount("alice", "acme", [], ["admin"], Created)));
        Assert.Equal("default", (await store.FindAsync("alice"))!.TenantId);
    }

    [Fact]
    public async Task UpdateAsync_ExistingUser_ReplacesGroupsAndRolesOnly()
    {
        var store = CreateStore();
        await store.TryAddAsync(new UserAccount("alice", "acme", ["eng"], ["member", "curator"], Created));

        Assert.True(await store.UpdateAsync("alice", ["ops"], ["member"]));
        var found = (await store.FindAsync("alice"))!;

        Assert.Equal(("acme", Created), (found.TenantId, found.CreatedAt));
        Assert.Equal(["ops"], found.Groups);
        Assert.Equal(["member"], found.Roles);
    }

    [Fact]
    public async Task UpdateAsync_UnknownUser_ReturnsFalse()
    {
        Assert.False(await CreateStore().UpdateAsync("nobody", [], ["member"]));
    }

    [Fact]
    public async Task FindAsync_UnknownUser_ReturnsNull()
    {
        Assert.Null(await CreateStore().FindAsync("nobody"));
    }

    [Fact]
    public async Task ListAsync_ByTenantOrAll_OrderedByTenantThenId()
    {
        var store = CreateStore();
        foreach (var (id, tenant) in new[] { ("carol", "default"), ("bob", "acme"), ("alice", "default") })
        {
            await store.TryAddAsync(new UserAccount(id, tenant, [], ["member"], Created));
        }

        Assert.Equal(["bob", "alice", "carol"], (await store.ListAsync(null)).Select(u => u.UserId));
        Assert.Equal(["alice", "carol"], (await store.ListAsync("default")).Select(u => u.UserId));
        Assert.Empty(await store.ListAsync("other"));
    }
}
