using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Lodestar.Server.Security;

/// <summary>
/// A request needs a permit from its credential's window and from its tenant's (both fixed windows; anonymous requests
/// are not limited here). The library's chained partitioned limiters decide the same, but with a closure, a lease array
/// and a combined lease per request; this looks both windows up in concurrent dictionaries and returns their own leases
/// (a granted fixed-window lease is a shared instance). One timer replenishes every window, as the library's does.
/// </summary>
internal sealed class CredentialAndTenantLimiter : PartitionedRateLimiter<HttpContext>
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);

    private readonly FixedWindowPartitions _credentials;
    private readonly FixedWindowPartitions _tenants;
    private readonly Timer _ticker;

    public CredentialAndTenantLimiter(RateLimitSettings settings)
    {
        _credentials = new FixedWindowPartitions(settings.RequestsPerCredential, settings.Window);
        _tenants = new FixedWindowPartitions(settings.RequestsPerTenant, settings.Window);
        _ticker = new Timer(_ => Tick(), null, TickInterval, TickInterval);
    }

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) =>
        PrincipalClaims.CredentialOf(resource.User) is { } credential ? _credentials.For(credential).GetStatistics() : null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        var user = resource.User;
        var byCredential = PrincipalClaims.CredentialOf(user) is { } credential ? _credentials.For(credential).AttemptAcquire(permitCount) : null;
        if (byCredential is { IsAcquired: false })
        {
            return byCredential;
        }

        var byTenant = PrincipalClaims.TenantOf(user) is { } tenant ? _tenants.For(tenant).AttemptAcquire(permitCount) : null;
        if (byTenant is { IsAcquired: false })
        {
            byCredential?.Dispose();
            return byTenant;
        }

        // Fixed-window permits are not handed back on dispose: keeping one of the two granted leases is enough.
        byCredential?.Dispose();
        return byTenant ?? Granted.Lease;
    }

    /// <summary>Nothing queues (queue limit 0): waiting would decide the same as trying now.</summary>
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        new(AttemptAcquireCore(resource, permitCount));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ticker.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Tick()
    {
        _credentials.Tick();
        _tenants.Tick();
    }

    /// <summary>The lease of a request that no window limits (nobody signed in).</summary>
    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Lease = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
