using Lodestar.Core;

namespace Lodestar.Observability.Alerts;

/// <summary>
/// The <see cref="IAlertSink"/>: stores the event (so it shows in the console at once and survives a crash) and wakes the
/// webhook delivery loop, which POSTs it with retries. A store failure propagates; delivery never blocks the caller.
/// </summary>
internal sealed class AlertDispatcher(IAlertStore store, AlertSignal signal) : IAlertSink
{
    public async ValueTask RaiseAsync(AlertEvent alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await store.AppendAsync(alert, cancellationToken).ConfigureAwait(false);
        ObservabilityTelemetry.Alerts.Add(1, new KeyValuePair<string, object?>("source", alert.Source), new KeyValuePair<string, object?>("severity", alert.Severity.ToString().ToLowerInvariant()));
        signal.Set();
    }
}
