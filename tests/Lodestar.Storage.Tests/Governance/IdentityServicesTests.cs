using Lodestar.Core;
using Lodestar.Governance.Audit;
using Lodestar.Governance.Identity;
using Lodestar.Storage.Sqlite.Governance;

namespace Lodestar.Storage.Tests.Governance;

/// <summary>Users, keys and authentication end to end over the real SQLite stores.</summary>
public sealed class IdentityServicesTests : IDisposable
{
    private readonly GovernanceDatabase _database = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly AuditTrail _audit;
    private readonly UserDirectory _users;
    private readonly ApiKeyService _keys;
    private readonly ApiKeyAuthenticator _authenticator;

    public IdentityServicesTests()
    {
        var userStore = new SqliteUserStore(_database.Schema);
        var keyStore = new SqliteApiKeyStore(_database.Schema);
        _audit = _database.CreateTrail(timeProvider: _clock);
        _users = new UserDirectory(userStore, _audit, _clock);
        _keys = new ApiKeyService(keyStore, _users, _audit, _clock);
        _authenticator = new ApiKeyAuthenticator(keyStore, userStore, _clock);
    }

    [Fact]
    public async Task AddAsync_NewUser_ResolvesToPrincipalAndIsAudited()
    {
        await _users.AddAsync(Principal.LocalAdministrator, new NewUser("alice", "acme", ["eng"], ["curator"]));

        var principal = await _users.ResolveAsync("alice");

        Assert.Equal(("acme", "alice"), (principal.TenantId, principal.UserId));
        Assert.Equal(["eng"], principal.Groups);
        Assert.Equal(["curator"], principal.Roles);
        var record = Assert.Single(await new SqliteAuditStore(_database.Schema).ReadAsync(1).ToListAsync());
        Assert.Equal(("user.added", "user:alice", "admin", "acme"), (record.Action, record.Target, record.Actor, record.TenantId));
    }

    [Fact]
    public async Task AddAsync_DefaultsAndDuplicate_DefaultTenantMemberThenConflict()
    {
        var user = await _users.AddAsync(Principal.LocalAdministrator, new NewUser("bob"));

        Assert.Equal((Principal.DefaultTenant, Role.Member), (user.TenantId, Assert.Single(user.Roles)));
        var error = await Assert.ThrowsAsync<LodestarException>(() => _users.AddAsync(Principal.LocalAdministrator, new NewUser("bob", "acme")));
        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task ResolveAsync_UnknownUser_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<LodestarException>(() => _users.ResolveAsync("ghost"));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("unknown user", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_IssuedKey_ReturnsPrincipalWithKeyRoles()
    {
        await _users.AddAsync(Principal.LocalAdministrator, new NewUser("alice", Roles: ["member", "curator"], Groups: ["eng"]));
        var issued = await _keys.CreateAsync(Principal.LocalAdministrator, "alice", ["member"], TimeSpan.FromDays(30));

        var principal = await _authenticator.AuthenticateAsync(issued.Secret);

        Assert.NotNull(principal);
        Assert.Equal(("alice", Role.Member), (principal.UserId, Assert.Single(principal.Roles)));
        Assert.Equal(["eng"], principal.Groups);
    }

    [Fact]
    public async Task CreateAsync_Key_StoresOnlyItsHash()
    {
        await _users.AddAsync(Principal.LocalAdministrator, new NewUser("alice"));
        var issued = await _keys.CreateAsync(Principal.LocalAdministrator, "alice", null, null);

        var stored = Assert.Single(await _keys.ListAsync("alice"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var files = Directory.GetFiles(Path.GetDirectoryName(_database.Database.FilePath)!, "lodestar.db*");
        var bytes = string.Concat(files.Select(ReadIfPresent));

        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(issued.Secret)), stored.SecretHash);
        Assert.Contains(issued.Key.KeyId, bytes, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Secret[17..], bytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_AlteredUnknownExpiredOrRevokedKey_ReturnsNull()
    {
        await _users.AddAsync(Principal.LocalAdministrator, new NewUser("alice"));
        var issued = await _keys.CreateAsync(Principal.LocalAdministrator, "alice", null, TimeSpan.FromHours(1));
        var lastChar = issued.Secret[^1] == 'A' ? 'B' : 'A';

        Assert.Null(await _authenticator.AuthenticateAsync(issued.Secret[..^1] + lastChar));
        Assert.Null(await _authenticator.AuthenticateAsync("lsk_000000000000_" + issued.Secret[17..]));
        Assert.Null(await _authenticator.AuthenticateAsync("not a key"));

        _clock.Now = _clock.Now.AddHours(2);
        Assert.Null(await _authenticator.AuthenticateAsync(issued.Secret));

        _clock.Now = _clock.Now.AddHours(-2);
        Assert.NotNull(await _authenticator.AuthenticateAsync(issued.Secret));
        await _keys.RevokeAsync(Principal.LocalAdministrator, issued.Key.KeyId);
        Assert.Null(await _authenticator.AuthenticateAsync(issued.Secret));
    }

    [Fact]
    public async Task CreateAsync_RoleUserLacks_ThrowsInvalid()
    {
        await _users.AddAsync(Principal.LocalAdministrator, new NewUser("alice"));

        var error = await Assert.ThrowsAsync<LodestarException>(() => _keys.CreateAsync(Principal.LocalAdministrator, "alice", ["admin"], null));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public async Task RevokeAsync_TwiceOrUnknown_ConflictThenNotFound()
    {
        await _users.AddAsync(Principal.LocalAdministrator, new NewUser("alice"));
        var issued = await _keys.CreateAsync(Principal.LocalAdministrator, "alice", null, null);
        await _keys.RevokeAsync(Principal.LocalAdministrator, issued.Key.KeyId);

        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<LodestarException>(() => _keys.RevokeAsync(Principal.LocalAdministrator, issued.Key.KeyId))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<LodestarException>(() => _keys.RevokeAsync(Principal.LocalAdministrator, "abcdef012345"))).Kind);
        var actions = (await new SqliteAuditStore(_database.Schema).ReadAsync(1).ToListAsync()).Select(r => r.Action);
        Assert.Equal(["user.added", "key.created", "key.revoked"], actions);
    }

    public void Dispose() => _database.Dispose();

    /// <summary>SQLite removes the -wal and -shm files when the last connection closes, possibly mid-listing.</summary>
    private static string ReadIfPresent(string path)
    {
        try
        {
            return System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path));
        }
        catch (FileNotFoundException)
        {
            return string.Empty;
        }
    }
}
