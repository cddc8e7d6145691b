using Lodestar.Core;
using Lodestar.Core.Jobs;
using Lodestar.Server.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lodestar.Server.Jobs;

/// <summary>
/// Runs durable jobs on this node, one at a time: lease, heartbeat while the handler runs (stopping it if the lease is
/// lost), then complete or fail. A node that dies simply stops heartbeating; its lease expires and another node retries.
/// </summary>
internal sealed partial class JobWorker(IJobQueue queue, IEnumerable<IJobHandler> handlers, ClusterOptions options, ILogger<JobWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var byType = handlers.ToDictionary(handler => handler.Type, StringComparer.Ordinal);
        if (byType.Count == 0)
        {
            return;
        }

        var types = byType.Keys.ToArray();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                JobLease? lease = null;
                try
                {
                    lease = await queue.TryLeaseAsync(options.NodeId, types, options.JobLease, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception error) when (error is LodestarException or System.Data.Common.DbException)
                {
                    // The worker must outlive a database outage (a crashed background service would stop the node).
                    LogQueueUnavailable(logger, error.Message);
                }

                if (lease is null)
                {
                    await Task.Delay(options.JobPoll, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                await RunAsync(lease, byType[lease.Type], stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a job cut short here is retried elsewhere once its lease expires.
        }
    }

    private async Task RunAsync(JobLease lease, IJobHandler handler, CancellationToken stoppingToken)
    {
        LogStarted(logger, lease.JobId, lease.Type, lease.Attempt);
        using var job = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var progress = new LatestProgress();
        var heartbeat = HeartbeatAsync(lease, progress, job);
        try
        {
            var result = await handler.RunAsync(lease, progress, job.Token).ConfigureAwait(false);
            await job.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            await queue.CompleteAsync(lease, result, stoppingToken).ConfigureAwait(false);
            LogFinished(logger, lease.JobId, "succeeded");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping: hand the attempt back now rather than when the lease expires, so a restarted
            // node (or another one) resumes the job at once.
            await FinishFailedAsync(lease, "the node running this job stopped", retry: true, job, heartbeat, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (job.IsCancellationRequested)
        {
            // The lease was lost; whoever holds the job now finishes it.
        }
        catch (LodestarException error) when (error.Kind != ErrorKind.Unavailable)
        {
            await FinishFailedAsync(lease, error.Message, retry: false, job, heartbeat, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // Unexpected (or the database went away): one more attempt may succeed; the details go to the log only.
            LogUnexpected(logger, lease.JobId, error);
            await FinishFailedAsync(lease, "the job failed unexpectedly; see the server log", retry: true, job, heartbeat, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await job.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }
    }

    private async Task FinishFailedAsync(JobLease lease, string error, bool retry, CancellationTokenSource job, Task heartbeat, CancellationToken stoppingToken)
    {
        await job.CancelAsync().ConfigureAwait(false);
        await heartbeat.ConfigureAwait(false);
        try
        {
            await queue.FailAsync(lease, error, retry, stoppingToken).ConfigureAwait(false);
            LogFinished(logger, lease.JobId, retry ? "failed (retryable)" : "failed");
        }
        catch (LodestarException unavailable) when (unavailable.Kind == ErrorKind.Unavailable)
        {
            // Cannot record the failure now; the lease expires and the job is retried or abandoned by the rules.
            LogQueueUnavailable(logger, unavailable.Message);
        }
    }

    /// <summary>Extends the lease every third of its length until the job ends; cancels the job when the lease is lost.</summary>
    private async Task HeartbeatAsync(JobLease lease, LatestProgress progress, CancellationTokenSource job)
    {
        var interval = options.JobLease / 3;
        try
        {
            while (!job.IsCancellationRequested)
            {
                await Task.Delay(interval, job.Token).ConfigureAwait(false);
                try
                {
                    if (!await queue.HeartbeatAsync(lease, progress.Latest, options.JobLease, job.Token).ConfigureAwait(false))
                    {
                        LogLeaseLost(logger, lease.JobId);
                        await job.CancelAsync().ConfigureAwait(false);
                    }
                }
                catch (LodestarException error) when (error.Kind == ErrorKind.Unavailable)
                {
                    // Keep working through a short outage; if it outlasts the lease another node takes over.
                    LogQueueUnavailable(logger, error.Message);
                }
            }
        }
        catch (OperationCanceledException) when (job.IsCancellationRequested)
        {
            // The job ended.
        }
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Job {JobId} ({Type}) started, attempt {Attempt}")]
    private static partial void LogStarted(ILogger logger, string jobId, string type, int attempt);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Job {JobId} {Outcome}")]
    private static partial void LogFinished(ILogger logger, string jobId, string outcome);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Job {JobId}: lease lost to another node; stopping here")]
    private static partial void LogLeaseLost(ILogger logger, string jobId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Job queue unavailable: {Reason}")]
    private static partial void LogQueueUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Job {JobId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string jobId, Exception exception);
}
