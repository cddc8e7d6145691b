using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Lodestar.Observability.Alerts;

/// <summary>
/// POSTs undelivered alert events to their tenant's webhooks as JSON. Each POST is retried with exponential backoff
/// (Polly); an event whose webhooks all accepted it is marked delivered, otherwise it is tried again on a later pass,
/// up to <see cref="MaxPasses"/> passes. Receivers should de-duplicate by <c>id</c>: delivery is at least once.
/// </summary>
public sealed partial class WebhookDelivery
{
    public const int MaxPasses = 5;

    private const int ClaimSize = 100;

    // Longer than a pass over a full claim can take (each POST gives up after its retries), so no two nodes post one event.
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IAlertStore _store;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDelivery> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public WebhookDelivery(IAlertStore store, HttpClient http, TimeProvider time, ILogger<WebhookDelivery> logger, WebhookRetry retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        _store = store;
        _http = http;
        _time = time;
        _logger = logger;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retry.MaxRetries,
                Delay = retry.FirstDelay,
                BackoffType = DelayBackoffType.Exponential,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TaskCanceledException>()
                    .HandleResult(response => !response.IsSuccessStatusCode),
            })
            .AddTimeout(retry.AttemptTimeout)
            .Build();
    }

    /// <summary>Delivers what is pending; returns how many events were marked delivered.</summary>
    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        var webhooks = new Dictionary<string, IReadOnlyList<Webhook>>(StringComparer.Ordinal);
        foreach (var alert in await _store.ClaimUndeliveredAsync(MaxPasses, ClaimSize, _time.GetUtcNow(), ClaimLease, cancellationToken).ConfigureAwait(false))
        {
            if (!webhooks.TryGetValue(alert.Event.TenantId, out var targets))
            {
                webhooks[alert.Event.TenantId] = targets = await _store.ListWebhooksAsync(alert.Event.TenantId, cancellationToken).ConfigureAwait(false);
            }

            var ok = true;
            foreach (var webhook in targets)
            {
                ok &= await PostAsync(webhook, alert, cancellationToken).ConfigureAwait(false);
            }

            await _store.MarkDeliveryAsync(alert.Id, ok, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            delivered += ok ? 1 : 0;
        }

        return delivered;
    }

    private async Task<bool> PostAsync(Webhook webhook, AlertRecord alert, CancellationToken cancellationToken)
    {
        var payload = new
        {
            id = alert.Id,
            tenant = alert.Event.TenantId,
            source = alert.Event.Source,
            key = alert.Event.Key,
            severity = alert.Event.Severity.ToString().ToLowerInvariant(),
            message = alert.Event.Message,
            occurredAt = alert.Event.OccurredAt,
            details = alert.Event.Details ?? new Dictionary<string, string>(),
        };
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                async token => await _http.PostAsJsonAsync(webhook.Url, payload, Json, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            var ok = response.IsSuccessStatusCode;
            if (!ok)
            {
                LogRejected(_logger, webhook.Id, (int)response.StatusCode);
            }

            Count(ok);
            return ok;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(_logger, webhook.Id, error.GetType().Name);
            Count(false);
            return false;
        }
    }

    private static void Count(bool ok) =>
        ObservabilityTelemetry.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", ok ? "delivered" : "failed"));

    [LoggerMessage(EventId = 6100, Level = LogLevel.Warning, Message = "Webhook {WebhookId} rejected an alert with HTTP {Status} after retries")]
    private static partial void LogRejected(ILogger logger, string webhookId, int status);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Webhook {WebhookId} unreachable after retries ({Error})")]
    private static partial void LogUnreachable(ILogger logger, string webhookId, string error);
}
