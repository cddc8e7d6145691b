namespace Lodestar.Testing;

/// <summary>
/// Waits for an effect that the product completes in the background (an audit record written after a rollback, an
/// alert raised after a save). Polling with a generous deadline keeps such tests correct on fast and slow machines
/// alike, where a fixed delay is either too short on one or wasted on the other.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(15);

    /// <summary>Probes until <paramref name="done"/> holds for the probed value and returns it; throws on the deadline, naming the last value seen.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (patience ?? DefaultPatience);
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

            await Task.Delay(20).ConfigureAwait(false);
        }
    }
}
