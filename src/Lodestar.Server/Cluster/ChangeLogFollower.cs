using System.Threading.Channels;
using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Indexes;
using Lodestar.Storage.Postgres;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lodestar.Server.Cluster;

/// <summary>
/// Keeps this node's indexes in step with the shared change log: a full catch-up at start (then <c>/readyz</c> turns
/// ready), a wake-up per LISTEN/NOTIFY message on PostgreSQL, and a periodic full catch-up as the fallback for
/// notifications lost while disconnected. Queries still catch up on their own, so this only bounds the lag.
/// </summary>
internal sealed partial class ChangeLogFollower(
    IKnowledgeStore store,
    IUserStore users,
    KnowledgeIndexSync sync,
    IndexReadiness readiness,
    ClusterOptions options,
    ILogger<ChangeLogFollower> logger,
    PostgresChangeFeed? feed = null) : BackgroundService
{
    private readonly Channel<KnowledgeBaseId> _wakeUps = Channel.CreateUnbounded<KnowledgeBaseId>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listening = feed is null ? Task.CompletedTask : ListenAsync(feed, stoppingToken);
        var applying = ApplyWakeUpsAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await TryCatchUpAllAsync(stoppingToken).ConfigureAwait(false))
                {
                    readiness.MarkCaughtUp(DateTimeOffset.UtcNow);
                }

                await Task.Delay(options.FollowerPoll, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        _wakeUps.Writer.TryComplete();
        await Task.WhenAll(listening, applying).ConfigureAwait(false);
    }

    private async Task ListenAsync(PostgresChangeFeed changeFeed, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await changeFeed.ListenAsync(TryCatchUpAllAsync, kb => _wakeUps.Writer.TryWrite(kb), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is System.Data.Common.DbException or LodestarException or IOException)
            {
                // The database went away: reconnect after a pause; the catch-up on reconnect covers missed notifications.
                LogListenFailed(logger, error.Message);
                try
                {
                    await Task.Delay(options.FollowerPoll, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ApplyWakeUpsAsync(CancellationToken stoppingToken)
    {
        var pending = new HashSet<KnowledgeBaseId>();
        try
        {
            while (await _wakeUps.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                // A burst of commits to one knowledge base is applied with one catch-up.
                while (_wakeUps.Reader.TryRead(out var kb))
                {
                    pending.Add(kb);
                }

                foreach (var kb in pending)
                {
                    await TryCatchUpAsync(kb, stoppingToken).ConfigureAwait(false);
                }

                pending.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Catches up every knowledge base; false when any of them could not be brought up to date.</summary>
    private async Task<bool> TryCatchUpAllAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<KnowledgeBaseId> knowledgeBases;
        try
        {
            knowledgeBases = await ListKnowledgeBasesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is LodestarException or System.Data.Common.DbException)
        {
            LogCatchUpFailed(logger, "(all)", error.Message);
            return false;
        }

        var allCurrent = true;
        foreach (var kb in knowledgeBases)
        {
            allCurrent &= await TryCatchUpAsync(kb, cancellationToken).ConfigureAwait(false);
        }

        return allCurrent;
    }

    private async Task<bool> TryCatchUpAsync(KnowledgeBaseId kb, CancellationToken cancellationToken)
    {
        try
        {
            await sync.CatchUpAsync(kb, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception error) when (error is LodestarException or System.Data.Common.DbException or IOException)
        {
            // Unavailable store, or another process owns the index files: the next poll retries.
            LogCatchUpFailed(logger, kb.ToString(), error.Message);
            return false;
        }
    }

    private async Task<IReadOnlyList<KnowledgeBaseId>> ListKnowledgeBasesAsync(CancellationToken cancellationToken)
    {
        if (feed is not null)
        {
            return await feed.ListKnowledgeBasesAsync(cancellationToken).ConfigureAwait(false);
        }

        // The embedded store has no cross-tenant listing: the tenants are those of the users (plus the default one).
        var tenants = new SortedSet<string>(StringComparer.Ordinal) { Principal.DefaultTenant };
        foreach (var user in await users.ListAsync(null, cancellationToken).ConfigureAwait(false))
        {
            tenants.Add(user.TenantId);
        }

        var result = new List<KnowledgeBaseId>();
        foreach (var tenant in tenants)
        {
            foreach (var name in await store.ListKnowledgeBasesAsync(tenant, cancellationToken).ConfigureAwait(false))
            {
                result.Add(new KnowledgeBaseId(tenant, name));
            }
        }

        return result;
    }

    [LoggerMessage(EventId = 6100, Level = LogLevel.Warning, Message = "Change-log listener disconnected ({Reason}); reconnecting")]
    private static partial void LogListenFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Could not catch up {KnowledgeBase} with the change log: {Reason}")]
    private static partial void LogCatchUpFailed(ILogger logger, string knowledgeBase, string reason);
}
