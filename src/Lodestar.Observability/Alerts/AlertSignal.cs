namespace Lodestar.Observability.Alerts;

/// <summary>Wakes the delivery loop early when an alert is raised, instead of waiting for its next tick.</summary>
public sealed class AlertSignal
{
    private readonly SemaphoreSlim _raised = new(0, 1);

    internal void Set()
    {
        try
        {
            _raised.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up delivers everything pending.
        }
    }

    /// <summary>True when an alert was raised, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _raised.WaitAsync(timeout, cancellationToken);
}
