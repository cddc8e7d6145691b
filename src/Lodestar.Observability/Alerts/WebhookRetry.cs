namespace Lodestar.Observability.Alerts;

/// <summary>How hard one webhook POST is tried within a delivery pass.</summary>
public sealed record WebhookRetry(int MaxRetries, TimeSpan FirstDelay, TimeSpan AttemptTimeout)
{
    public static WebhookRetry Default { get; } = new(3, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));
}
