using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Security;

/// <summary>
/// Per-credential and per-tenant request limits (fixed windows, chained: a request needs a permit from both).
/// Runs after authentication; anonymous requests are not limited here (failed sign-ins are, by <see cref="SignInThrottle"/>).
/// One instance serves the rate-limiting middleware and the <see cref="ApiKeyFastPath"/>, so both spend the same permits.
/// </summary>
internal sealed class RequestRateLimits : IDisposable
{
    private readonly RateLimitSettings _settings;

    public RequestRateLimits(RateLimitSettings settings)
    {
        _settings = settings;

        // The limiter factories are made once: RateLimitPartition.GetFixedWindowLimiter would wrap its options factory in
        // a new delegate on every request.
        Func<string, RateLimiter> credentialWindow = _ => new FixedWindowRateLimiter(Window(settings.RequestsPerCredential, settings.Window));
        Func<string, RateLimiter> tenantWindow = _ => new FixedWindowRateLimiter(Window(settings.RequestsPerTenant, settings.Window));
        var perCredential = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            PrincipalClaims.CredentialOf(context.User) is { } credential
                ? RateLimitPartition.Get(credential, credentialWindow)
                : RateLimitPartition.GetNoLimiter(string.Empty));
        var perTenant = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            PrincipalClaims.TenantOf(context.User) is { } tenant
                ? RateLimitPartition.Get(tenant, tenantWindow)
                : RateLimitPartition.GetNoLimiter(string.Empty));
        Limiter = PartitionedRateLimiter.CreateChained(perCredential, perTenant);
    }

    /// <summary>Keyed on the signed-in user of the request (<see cref="HttpContext.User"/>).</summary>
    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    public void Configure(RateLimiterOptions options)
    {
        options.GlobalLimiter = Limiter;
        options.OnRejected = async (rejected, _) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _settings.Window;
            var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await RateLimitResponses.WriteAsync(rejected.HttpContext, problems, retryAfter, "the request rate limit of this key or tenant is used up").ConfigureAwait(false);
        };
    }

    public void Dispose() => Limiter.Dispose();

    /// <summary>Replenished by the partitioned limiter's own timer (as GetFixedWindowLimiter arranges), not a timer per partition.</summary>
    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = false };
}
