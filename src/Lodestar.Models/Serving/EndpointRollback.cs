using System.Globalization;
using Lodestar.Core;

namespace Lodestar.Models.Serving;

/// <summary>
/// Takes traffic back to the last good version: automatically when a canary breaches its SLO, or on request.
/// Either way the store is updated, the audit trail records who and why, and the automatic kind raises an alert.
/// </summary>
internal sealed class EndpointRollback(IEndpointStore store, EndpointRuntimes runtimes, IAuditLog audit, IEnumerable<IAlertSink> alerts, TimeProvider time)
{
    public const string AlertSource = "models.serving";
    public const string SystemActor = "system:serving";

    /// <summary>Called after each canary request: checks the canary's window against the SLO and rolls back on a breach.</summary>
    public void CheckCanary(EndpointRuntime runtime)
    {
        if (runtime.Canary is not { } canary)
        {
            return;
        }

        var slo = runtime.Deployment.Slo;
        var stats = canary.Window.Snapshot(TimeSpan.FromSeconds(slo.WindowSeconds));
        if (stats.Requests < slo.MinRequests || (stats.P99Ms <= slo.P99Ms && stats.ErrorRate <= slo.MaxErrorRate) || !runtime.TryStopCanary())
        {
            return;
        }

        var reason = string.Create(CultureInfo.InvariantCulture,
            $"canary {canary.Version} breached the SLO over {stats.Requests} requests in {slo.WindowSeconds}s: p99 {stats.P99Ms:F0} ms (limit {slo.P99Ms:F0} ms), error rate {stats.ErrorRate * 100:F1}% (limit {slo.MaxErrorRate * 100:F1}%)");
        _ = AutomaticAsync(runtime, reason, stats);
    }

    /// <summary>Manual rollback: drops the canary if there is one, else returns to the previous primary version.</summary>
    public async Task<EndpointDeployment> ManualAsync(Principal actor, string name, string? reason, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(actor.TenantId, name, cancellationToken).ConfigureAwait(false)
            ?? throw LodestarException.NotFound($"no endpoint named '{name}'");
        var why = string.IsNullOrWhiteSpace(reason) ? "manual rollback" : "manual rollback: " + reason.Trim();
        EndpointDeployment updated;
        if (current.Canary is not null)
        {
            updated = current with { Canary = null, CanaryWeight = 0, LastRollback = why, UpdatedAt = time.GetUtcNow() };
        }
        else if (current.PreviousPrimary is { } previous)
        {
            updated = current with { Primary = previous, PreviousPrimary = current.Primary, LastRollback = why, UpdatedAt = time.GetUtcNow() };
        }
        else
        {
            throw LodestarException.Conflict($"endpoint '{name}' has no canary and no previous version to roll back to");
        }

        var saved = await ApplyAsync(current, updated, cancellationToken).ConfigureAwait(false);
        await RecordAsync(actor.TenantId, actor.UserId, current, saved, why, automatic: false, stats: null, cancellationToken).ConfigureAwait(false);
        return saved;
    }

    private async Task AutomaticAsync(EndpointRuntime runtime, string reason, WindowStats stats)
    {
        try
        {
            await PersistAutomaticAsync(runtime, reason, stats).ConfigureAwait(false);
        }
        catch (LodestarException error) when (error.Kind == ErrorKind.Conflict)
        {
            // Someone redeployed or rolled back meanwhile; their change decides where the traffic goes.
        }
    }

    private async Task PersistAutomaticAsync(EndpointRuntime runtime, string reason, WindowStats stats)
    {
        var tenant = runtime.Deployment.TenantId;
        var current = await store.GetAsync(tenant, runtime.Deployment.Name).ConfigureAwait(false);
        if (current is null || current.Canary != runtime.Deployment.Canary)
        {
            return;
        }

        var updated = current with { Canary = null, CanaryWeight = 0, LastRollback = reason, UpdatedAt = time.GetUtcNow() };
        var saved = await ApplyAsync(current, updated, CancellationToken.None).ConfigureAwait(false);
        await RecordAsync(tenant, SystemActor, current, saved, reason, automatic: true, stats, CancellationToken.None).ConfigureAwait(false);
        var details = new Dictionary<string, string>
        {
            ["endpoint"] = current.Name,
            ["from"] = (current.Canary ?? current.Primary).ToString(),
            ["to"] = saved.Primary.ToString(),
            ["p99Ms"] = stats.P99Ms.ToString("F1", CultureInfo.InvariantCulture),
            ["errorRate"] = stats.ErrorRate.ToString("F4", CultureInfo.InvariantCulture),
            ["requests"] = stats.Requests.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var sink in alerts)
        {
            await sink.RaiseAsync(new AlertEvent(tenant, AlertSource, $"endpoint:{current.Name}:rollback", AlertSeverity.Critical,
                $"endpoint '{current.Name}' rolled back to {saved.Primary}: {reason}", details)).ConfigureAwait(false);
        }
    }

    private async Task<EndpointDeployment> ApplyAsync(EndpointDeployment current, EndpointDeployment updated, CancellationToken cancellationToken)
    {
        var saved = await store.SaveAsync(updated, current.RowVersion, cancellationToken).ConfigureAwait(false);
        var previous = runtimes.Find(saved.TenantId, saved.Name);
        await runtimes.InstallAsync(await runtimes.BuildAsync(saved, previous, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return saved;
    }

    private Task RecordAsync(string tenant, string actor, EndpointDeployment before, EndpointDeployment after, string reason, bool automatic, WindowStats? stats, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string>
        {
            ["from"] = (before.Canary ?? before.Primary).ToString(),
            ["to"] = after.Primary.ToString(),
            ["reason"] = reason,
            ["automatic"] = automatic ? "true" : "false",
        };
        if (stats is not null)
        {
            details["p99Ms"] = stats.P99Ms.ToString("F1", CultureInfo.InvariantCulture);
            details["errorRate"] = stats.ErrorRate.ToString("F4", CultureInfo.InvariantCulture);
            details["requests"] = stats.Requests.ToString(CultureInfo.InvariantCulture);
        }

        return audit.AppendAsync(new AuditEvent(tenant, actor, "endpoint.rollback", "endpoint:" + before.Name, details), cancellationToken).AsTask();
    }
}
