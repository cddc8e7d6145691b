using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Lodestar.Server.Security;

/// <summary>
/// One fixed-window limiter per key (an API key's credential, a tenant), made on first use and forgotten once it has
/// been idle with its permits back for two windows (revoked keys do not pile up). Replenished by the owner's timer.
/// A forgotten limiter is not disposed: without a timer of its own it holds nothing, and a request that fetched it just
/// before may still take a permit from it (at worst one extra request for a key that was idle for two windows).
/// </summary>
internal sealed class FixedWindowPartitions(int permits, TimeSpan window)
{
    private readonly ConcurrentDictionary<string, FixedWindowRateLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly Func<string, FixedWindowRateLimiter> _create = _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = false,
    });

    public FixedWindowRateLimiter For(string key) => _limiters.GetOrAdd(key, _create);

    /// <summary>Starts the windows that have ended and forgets limiters idle for two windows.</summary>
    public void Tick()
    {
        foreach (var (key, limiter) in _limiters)
        {
            limiter.TryReplenish();
            if (limiter.IdleDuration > 2 * window)
            {
                _limiters.TryRemove(new KeyValuePair<string, FixedWindowRateLimiter>(key, limiter));
            }
        }
    }
}
