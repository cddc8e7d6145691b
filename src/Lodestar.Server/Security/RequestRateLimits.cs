using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Security;

/// <summary>
/// Per-credential and per-tenant request limits (fixed windows: a request needs a permit from both, see <see cref="CredentialAndTenantLimiter"/>).
/// Runs after authentication; anonymous requests are not limited here (failed sign-ins are, by <see cref="SignInThrottle"/>).
/// One instance serves the rate-limiting middleware and the <see cref="ApiKeyFastPath"/>, so both spend the same permits.
/// </summary>
internal sealed class RequestRateLimits : IDisposable
{
    private readonly RateLimitSettings _settings;

    public RequestRateLimits(RateLimitSettings settings)
    {
        _settings = settings;
        Limiter = new CredentialAndTenantLimiter(settings);
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
}
