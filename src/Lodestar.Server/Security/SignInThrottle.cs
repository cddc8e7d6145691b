using System.Threading.RateLimiting;

namespace Lodestar.Server.Security;

/// <summary>
/// Counts failed sign-ins per partition (client address, key id) in fixed windows. Once a partition has used its
/// allowance, further attempts are refused with 429 before any credential is checked, so guessing stays slow.
/// </summary>
internal sealed class SignInThrottle(RateLimitSettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(partition =>
        RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.FailedSignIns,
            Window = settings.FailedSignInWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private const long NoFailure = long.MinValue;

    private long _lastFailure = NoFailure;

    /// <summary>
    /// False when no sign-in failed for two windows: then no partition can be exhausted, and a successful sign-in
    /// skips the limiter (two partition lookups and leases per request). Two windows, because a window only
    /// replenishes when its timer fires.
    /// </summary>
    public bool HasRecentFailures => Interlocked.Read(ref _lastFailure) is var last && last != NoFailure
        && Environment.TickCount64 - last < 2 * (long)settings.FailedSignInWindow.TotalMilliseconds;

    /// <summary>How long the caller must wait, or null when none of <paramref name="partitions"/> is exhausted.</summary>
    public TimeSpan? RetryAfter(IEnumerable<string> partitions)
    {
        foreach (var partition in partitions)
        {
            // Acquiring zero permits asks "is anything left?" without spending one.
            using var lease = _failures.AttemptAcquire(partition, 0);
            if (!lease.IsAcquired)
            {
                return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : settings.FailedSignInWindow;
            }
        }

        return null;
    }

    public void RecordFailure(IEnumerable<string> partitions)
    {
        Interlocked.Exchange(ref _lastFailure, Environment.TickCount64);
        foreach (var partition in partitions)
        {
            _failures.AttemptAcquire(partition, 1).Dispose();
        }
    }

    public void Dispose() => _failures.Dispose();
}
