using Lodestar.Observability.Alerts;
using Lodestar.Observability.Requests;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lodestar.Server.Observability;

/// <summary>
/// The server's observability loop: flushes request samples every second, evaluates alert rules every
/// <c>LODESTAR_ALERT_INTERVAL_SECONDS</c> (default 30), and delivers alerts to webhooks as soon as one is raised
/// (failed deliveries are retried on the next evaluation tick). Hourly, request samples older than
/// <c>LODESTAR_REQUEST_LOG_DAYS</c> (default 30) are pruned.
/// </summary>
internal sealed partial class ObservabilityWorker(
    RequestRecorder requests,
    IRequestLog requestLog,
    AlertEvaluator evaluator,
    WebhookDelivery webhooks,
    AlertSignal signal,
    TimeProvider time,
    ILogger<ObservabilityWorker> logger) : BackgroundService
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly TimeSpan _retention = TimeSpan.FromDays(
        int.TryParse(Environment.GetEnvironmentVariable("LODESTAR_REQUEST_LOG_DAYS"), out var days) && days > 0 ? days : 30);

    private readonly TimeSpan _evaluationInterval = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("LODESTAR_ALERT_INTERVAL_SECONDS"), out var seconds) && seconds > 0 ? seconds : 30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastEvaluation = time.GetUtcNow();
        var lastPrune = DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var raised = await signal.WaitAsync(FlushInterval, stoppingToken).ConfigureAwait(false);
                await RunAsync("flush request samples", () => requests.FlushAsync(stoppingToken)).ConfigureAwait(false);
                var due = time.GetUtcNow() - lastEvaluation >= _evaluationInterval;
                if (due)
                {
                    lastEvaluation = time.GetUtcNow();
                    await RunAsync("evaluate alert rules", () => evaluator.EvaluateAsync(stoppingToken)).ConfigureAwait(false);
                }

                if (raised || due)
                {
                    await RunAsync("deliver alert webhooks", () => webhooks.DeliverPendingAsync(stoppingToken)).ConfigureAwait(false);
                }

                if (time.GetUtcNow() - lastPrune >= PruneInterval)
                {
                    lastPrune = time.GetUtcNow();
                    await RunAsync("prune the request log", () => requestLog.PruneAsync(lastPrune - _retention, stoppingToken)).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the final flush below keeps the last second of samples.
        }

        await RunAsync("flush request samples", () => requests.FlushAsync(CancellationToken.None)).ConfigureAwait(false);
    }

    /// <summary>One failing step (a locked database, a bad rule) is logged and retried next tick; it never stops the loop or the host.</summary>
    private async Task RunAsync(string step, Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogStepFailed(logger, step, error);
        }
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Error, Message = "Observability could not {Step}")]
    private static partial void LogStepFailed(ILogger logger, string step, Exception error);
}
