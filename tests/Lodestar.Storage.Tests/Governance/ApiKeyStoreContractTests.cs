using Lodestar.Governance.Identity;

namespace Lodestar.Storage.Tests.Governance;

/// <summary>What every <see cref="IApiKeyStore"/> must do; one subclass per backend. Keys need an existing user.</summary>
public abstract class ApiKeyStoreContractTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    protected abstract (IApiKeyStore Keys, IUserStore Users) CreateStores();

    [Fact]
    public async Task AddAsync_Key_FoundWithHashAndTimes()
    {
        var (keys, _) = await WithUsersAsync("alice");
        var key = Key("k1", "alice", Created.AddDays(30));

        await keys.AddAsync(key);
        var found = await keys.FindAsync("k1");

        Assert.NotNull(found);
        Assert.Equal(key.SecretHash, found.SecretHash);
        Assert.Equal((key.UserId, key.TenantId, key.CreatedAt, key.ExpiresAt, key.RevokedAt), (found.UserId, found.TenantId, found.CreatedAt, found.ExpiresAt, found.RevokedAt));
        Assert.Equal(key.Roles, found.Roles);
    }

    [Fact]
    public async Task RevokeAsync_ActiveKey_MarksOnceOnly()
    {
        var (keys, _) = await WithUsersAsync("alice");
        await keys.AddAsync(Key("k1", "alice", null));

        Assert.True(await keys.RevokeAsync("k1", Created.AddHours(1)));
        Assert.False(await keys.RevokeAsync("k1", Created.AddHours(2)));
        Assert.False(await keys.RevokeAsync("unknown", Created));
        Assert.Equal(Created.AddHours(1), (await keys.FindAsync("k1"))!.RevokedAt);
    }

    [Fact]
    public async Task ListAsync_ByUserOrAll_OldestFirst()
    {
        var (keys, _) = await WithUsersAsync("alice", "bob");
        await keys.AddAsync(Key("k2", "alice", null) with { CreatedAt = Created.AddMinutes(1) });
        await keys.AddAsync(Key("k1", "alice", null));
        await keys.AddAsync(Key("k3", "bob", null) with { CreatedAt = Created.AddMinutes(2) });

        Assert.Equal(["k1", "k2", "k3"], (await keys.ListAsync(null)).Select(k => k.KeyId));
        Assert.Equal(["k1", "k2"], (await keys.ListAsync("alice")).Select(k => k.KeyId));
    }

    [Fact]
    public async Task FindAsync_UnknownKey_ReturnsNull()
    {
        Assert.Null(await CreateStores().Keys.FindAsync("nope"));
    }

    private async Task<(IApiKeyStore Keys, IUserStore Users)> WithUsersAsync(params string[] userIds)
    {
        var stores = CreateStores();
        foreach (var id in userIds)
        {
            await stores.Users.TryAddAsync(new UserAccount(id, "default", [], ["member", "curator"], Created));
        }

        return stores;
    }

    private static ApiKey Key(string id, string user, DateTimeOffset? expires) =>
        new(id, user, "default", ["member"], [1, 2, 3, 4], Created, expires, null);
}
