using Lodestar.Models.Monitoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lodestar.Server.Endpoints;

/// <summary>Runs the scheduled drift monitors of the server's data directory (checked every 15 s; each monitor has its own interval).</summary>
internal sealed partial class DriftSchedulerService(DriftMonitorService drift, ILogger<DriftSchedulerService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await drift.RunDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A broken database or disk must not kill the host; the next tick retries.
                LogFailed(logger, error);
            }
        }
    }

    [LoggerMessage(EventId = 7100, Level = LogLevel.Error, Message = "Scheduled drift monitors failed")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
