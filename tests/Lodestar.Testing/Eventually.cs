namespace Lodestar.Testing;

/// <summary>
/// Waits for an effect that the product completes in the background (an audit record written after a rollback, an
/// alert raised after a save). Polling with a generous deadline keeps such tests correct on fast and slow machines
/// alike, where a fixed delay is either too short on one or wasted on the other. The pause between probes grows
/// (20 ms up to half a second) so that quick effects are seen at once while a long wait over HTTP stays well inside
/// the server's per-key request rate limit.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(500);

    /// <summary>Probes until <paramref name="done"/> holds for the probed value and returns it; throws on the deadline, naming the last value seen.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (patience ?? DefaultPatience);
        var pause = FirstPause;
        while (true)
        {
            var value = await probe().ConfigureAwait(false);
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}; last seen: {value}");
            }

            await Task.Delay(pause).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 3 / 2, LongestPause.Ticks));
        }
    }
}
