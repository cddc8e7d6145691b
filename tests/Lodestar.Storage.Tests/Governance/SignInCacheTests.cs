using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Storage.Sqlite.Governance;

namespace Lodestar.Storage.Tests.Governance;

/// <summary>The sign-in cache over the real SQLite stores: fast repeat sign-ins that never outlive a revocation.</summary>
public sealed class SignInCacheTests : IDisposable
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(5);
    private readonly GovernanceDatabase _database = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SqliteUserStore _userStore;
    private readonly SqliteApiKeyStore _keyStore;
    private readonly UserDirectory _users;
    private readonly ApiKeyService _keys;
    private readonly ApiKeyAuthenticator _authenticator;

    public SignInCacheTests()
    {
        var cache = new SignInCache(_clock, TimeToLive);
        var audit = _database.CreateTrail(timeProvider: _clock);
        _userStore = new SqliteUserStore(_database.Schema);
        _keyStore = new SqliteApiKeyStore(_database.Schema);
        _users = new UserDirectory(_userStore, audit, _clock, cache);
        _keys = new ApiKeyService(_keyStore, _users, audit, _clock, cache);
        _authenticator = new ApiKeyAuthenticator(_keyStore, _userStore, _clock, cache);
    }

    [Fact]
    public async Task AuthenticateAsync_CachedKeyRevokedThroughService_IsRefusedAtOnce()
    {
        var issued = await IssueAsync();
        Assert.NotNull(await _authenticator.AuthenticateAsync(issued.Secret));

        await _keys.RevokeAsync(Principal.LocalAdministrator, issued.Key.KeyId);

        Assert.Null(await _authenticator.AuthenticateAsync(issued.Secret));
    }

    [Fact]
    public async Task AuthenticateAsync_CachedUserDemotedThroughDirectory_LosesTheRoleAtOnce()
    {
        var issued = await IssueAsync();
        Assert.Contains(Role.Curator, (await _authenticator.AuthenticateAsync(issued.Secret))!.Roles);

        await _users.UpdateAsync(Principal.LocalAdministrator, "alice", groups: null, roles: [Role.Member]);

        Assert.DoesNotContain(Role.Curator, (await _authenticator.AuthenticateAsync(issued.Secret))!.Roles);
    }

    [Fact]
    public async Task AuthenticateAsync_KeyRevokedByAnotherNode_IsRefusedOnceTheTimeToLivePasses()
    {
        var issued = await IssueAsync();
        Assert.NotNull(await _authenticator.AuthenticateAsync(issued.Secret));

        // Another node writes the store directly; this process hears nothing.
        await _keyStore.RevokeAsync(issued.Key.KeyId, _clock.Now);
        Assert.NotNull(await _authenticator.AuthenticateAsync(issued.Secret));

        _clock.Now += TimeToLive;
        Assert.Null(await _authenticator.AuthenticateAsync(issued.Secret));
    }

    [Fact]
    public async Task AuthenticateAsync_CachedKeyIdWithWrongSecretOrPastExpiry_IsRefused()
    {
        var issued = await IssueAsync(lifetime: TimeSpan.FromSeconds(2));
        Assert.NotNull(await _authenticator.AuthenticateAsync(issued.Secret));
        var lastChar = issued.Secret[^1] == 'A' ? 'B' : 'A';

        Assert.Null(await _authenticator.AuthenticateAsync(issued.Secret[..^1] + lastChar));
        _clock.Now += TimeSpan.FromSeconds(3);
        Assert.Null(await _authenticator.AuthenticateAsync(issued.Secret));
    }

    private async Task<IssuedApiKey> IssueAsync(TimeSpan? lifetime = null)
    {
        await _users.AddAsync(Principal.LocalAdministrator, new NewUser("alice", Principal.DefaultTenant, [], [Role.Member, Role.Curator]));
        return await _keys.CreateAsync(Principal.LocalAdministrator, "alice", null, lifetime ?? TimeSpan.FromHours(1));
    }

    public void Dispose() => _database.Dispose();
}
