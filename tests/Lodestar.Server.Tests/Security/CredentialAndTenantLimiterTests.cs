using System.Threading.RateLimiting;
using Lodestar.Core;
using Lodestar.Server.Security;
using Lodestar.Testing;
using Microsoft.AspNetCore.Http;

namespace Lodestar.Server.Tests.Security;

public sealed class CredentialAndTenantLimiterTests
{
    [Fact]
    public void AttemptAcquire_PastTheCredentialsPermits_RefusedWithRetryAfter()
    {
        using var limiter = new CredentialAndTenantLimiter(new RateLimitSettings { RequestsPerCredential = 3, RequestsPerTenant = 100 });
        var caller = Request("t1", "key:a");

        var granted = Enumerable.Range(0, 3).Select(_ => limiter.AttemptAcquire(caller).IsAcquired).ToList();
        using var refused = limiter.AttemptAcquire(caller);

        Assert.All(granted, Assert.True);
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero);
        Assert.True(limiter.AttemptAcquire(Request("t1", "key:b")).IsAcquired);
    }

    [Fact]
    public void AttemptAcquire_PastTheTenantsPermits_RefusesEveryCredentialOfThatTenantOnly()
    {
        using var limiter = new CredentialAndTenantLimiter(new RateLimitSettings { RequestsPerCredential = 100, RequestsPerTenant = 4 });

        var granted = Enumerable.Range(0, 4).Count(i => limiter.AttemptAcquire(Request("t1", "key:" + i)).IsAcquired);

        Assert.Equal(4, granted);
        Assert.False(limiter.AttemptAcquire(Request("t1", "key:new")).IsAcquired);
        Assert.True(limiter.AttemptAcquire(Request("t2", "key:other")).IsAcquired);
    }

    [Fact]
    public void AttemptAcquire_NobodySignedIn_NotLimitedHere()
    {
        using var limiter = new CredentialAndTenantLimiter(new RateLimitSettings { RequestsPerCredential = 1, RequestsPerTenant = 1 });
        var anonymous = new DefaultHttpContext();

        Assert.All(Enumerable.Range(0, 5), _ => Assert.True(limiter.AttemptAcquire(anonymous).IsAcquired));
    }

    [Fact]
    public async Task AttemptAcquire_AfterTheWindow_PermitsAreBack()
    {
        using var limiter = new CredentialAndTenantLimiter(new RateLimitSettings { RequestsPerCredential = 2, RequestsPerTenant = 100, Window = TimeSpan.FromMilliseconds(300) });
        var caller = Request("t1", "key:a");
        limiter.AttemptAcquire(caller);
        limiter.AttemptAcquire(caller);
        Assert.False(limiter.AttemptAcquire(caller).IsAcquired);

        await Eventually.WaitForAsync(() => Task.FromResult(limiter.AttemptAcquire(caller).IsAcquired), granted => granted, "the next window's permits");
    }

    [Fact]
    public async Task Tick_LimiterIdleForTwoWindows_Forgotten()
    {
        var partitions = new FixedWindowPartitions(permits: 5, TimeSpan.FromMilliseconds(50));
        var first = partitions.For("key:gone");
        first.AttemptAcquire();

        await Eventually.WaitForAsync(
            () =>
            {
                partitions.Tick();
                return Task.FromResult(!ReferenceEquals(partitions.For("key:gone"), first));
            },
            forgotten => forgotten,
            "the idle limiter to be forgotten");
        Assert.Same(partitions.For("key:kept"), partitions.For("key:kept"));
    }

    private static DefaultHttpContext Request(string tenant, string credential) =>
        new() { User = PrincipalClaims.ToClaims(new Principal(tenant, "u-" + credential, [], [Role.Member]), "test", credential) };
}
