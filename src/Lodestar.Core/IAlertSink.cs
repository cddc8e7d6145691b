namespace Lodestar.Core;

/// <summary>
/// Where any capability raises an alert. The observability implementation stores the event (shown in the
/// console and at <c>GET /v1/alerts</c>) and POSTs it to the configured webhooks with retries.
/// Raising never throws for delivery failures: a webhook outage must not fail the caller's work.
/// </summary>
public interface IAlertSink
{
    ValueTask RaiseAsync(AlertEvent alert, CancellationToken cancellationToken = default);
}
