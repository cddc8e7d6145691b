using System.Globalization;
using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Models.Registry;
using Lodestar.Models.Serving;
using Lodestar.Models.Tracking;

namespace Lodestar.Models.Monitoring;

/// <summary>
/// Drift reports per registered model: the reference is the training data of a version (kept content-addressed when
/// it was registered), the current window a CSV or a serving endpoint's prediction log; the model's input columns and
/// its predictions (scored on both sides, or taken from the prediction log) are compared. Reports are stored,
/// fired rules run their actions, and monitors with an interval are run by <see cref="RunDueAsync"/>.
/// </summary>
public sealed class DriftMonitorService(
    RegistryService registry,
    IContentStore content,
    IDriftStore store,
    DriftActions actions,
    ModelRegistry models,
    ModelServing serving,
    IPredictionLogReader predictions,
    TimeProvider clock)
{
    /// <summary>Who scheduled runs act as: an administrator of the monitor's tenant, so its retrain rules may register versions.</summary>
    public const string SchedulerUser = "lodestar-drift-scheduler";

    public async Task<DriftMonitor> SetMonitorAsync(Principal principal, DriftMonitor monitor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(monitor);
        await registry.EnsureVisibleAsync(principal, monitor.Model, cancellationToken).ConfigureAwait(false);
        _ = ModelReference.Within(monitor.Model, monitor.Reference);
        await actions.CheckAsync(monitor.Rules, cancellationToken).ConfigureAwait(false);
        if (monitor.IntervalSeconds is { } interval && (interval < 1 || (monitor.CurrentPath is null && monitor.Endpoint is null)))
        {
            throw LodestarException.Invalid("a scheduled monitor needs intervalSeconds >= 1 and a currentPath or endpoint to read the current window from");
        }

        var stored = monitor with { TenantId = principal.TenantId, UpdatedBy = principal.UserId, LastRunAt = null };
        await store.SetMonitorAsync(stored, cancellationToken).ConfigureAwait(false);
        await registry.AuditAsync(principal, "model.drift.monitor", monitor.Model, new Dictionary<string, string>
        {
            ["reference"] = monitor.Reference,
            ["rules"] = string.Join(",", monitor.Rules.Select(r => r.Action)),
        }, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<DriftMonitor> GetMonitorAsync(Principal principal, string model, CancellationToken cancellationToken = default)
    {
        await registry.EnsureVisibleAsync(principal, model, cancellationToken).ConfigureAwait(false);
        return await store.GetMonitorAsync(model, cancellationToken).ConfigureAwait(false)
            ?? throw LodestarException.NotFound($"model '{model}' has no drift monitor");
    }

    /// <summary>Computes, stores and acts on one drift report.</summary>
    public async Task<StoredDriftReport> RunAsync(Principal principal, string model, DriftRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(request);
        await registry.EnsureVisibleAsync(principal, model, cancellationToken).ConfigureAwait(false);
        var monitor = await store.GetMonitorAsync(model, cancellationToken).ConfigureAwait(false);
        var version = await ReferenceVersionAsync(principal, model, request.Reference ?? monitor?.Reference, cancellationToken).ConfigureAwait(false);
        if (version.DatasetSha256 is not { } sha256 || !await content.ContainsAsync(sha256, cancellationToken).ConfigureAwait(false))
        {
            throw LodestarException.NotFound($"the training data of {model}:{version.Version.Version} is not in the artifact store, so it has no drift reference");
        }

        var reference = await TabularDataset.LoadCsvAsync(await content.LocateAsync(sha256, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var (current, source) = await CurrentWindowAsync(principal, model, request, monitor, cancellationToken).ConfigureAwait(false);
        var inputs = version.Version.Signature.Inputs.Select(i => i.Name).ToList();
        var trained = await models.LoadAsync(version.Version, cancellationToken).ConfigureAwait(false);
        var report = DriftDetector.Detect(
            Project(reference, inputs, "reference", trained.Predict(reference)),
            Project(current, inputs, "current", current.Find(PredictionLogDataset.PredictionColumn)?.Numbers ?? trained.Predict(current)),
            request.Options ?? monitor?.Options);

        var stored = new StoredDriftReport(Guid.NewGuid().ToString("N"), model, version.Version.Version, source, clock.GetUtcNow(), principal.UserId, report, []);
        var rules = request.Rules ?? monitor?.Rules ?? [];
        await actions.CheckAsync(rules, cancellationToken).ConfigureAwait(false);
        stored = stored with { Actions = await actions.RunAsync(principal, stored, rules, cancellationToken).ConfigureAwait(false) };
        await store.SaveReportAsync(stored, cancellationToken).ConfigureAwait(false);
        await registry.AuditAsync(principal, "model.drift.report", model, new Dictionary<string, string>
        {
            ["report"] = stored.Id,
            ["version"] = stored.Version.ToString(CultureInfo.InvariantCulture),
            ["datasetDrift"] = report.DatasetDrift ? "true" : "false",
            ["actions"] = string.Join(",", stored.Actions.Select(a => a.Action)),
        }, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<IReadOnlyList<StoredDriftReport>> ListReportsAsync(Principal principal, string model, int limit, CancellationToken cancellationToken = default)
    {
        await registry.EnsureVisibleAsync(principal, model, cancellationToken).ConfigureAwait(false);
        return await store.ListReportsAsync(model, Math.Clamp(limit, 1, 1000), cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredDriftReport> GetReportAsync(Principal principal, string model, string id, CancellationToken cancellationToken = default)
    {
        await registry.EnsureVisibleAsync(principal, model, cancellationToken).ConfigureAwait(false);
        var report = await store.GetReportAsync(id, cancellationToken).ConfigureAwait(false);
        return report is not null && report.Model == model ? report : throw LodestarException.NotFound($"model '{model}' has no drift report '{id}'");
    }

    /// <summary>Runs every scheduled monitor whose interval has elapsed; returns how many ran. One failing monitor does not stop the others.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var ran = 0;
        foreach (var monitor in await store.ListMonitorsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (monitor.IntervalSeconds is not { } interval || (monitor.LastRunAt is { } last && now - last < TimeSpan.FromSeconds(interval)))
            {
                continue;
            }

            if (!await store.MarkRunAsync(monitor.Model, monitor.LastRunAt, now, cancellationToken).ConfigureAwait(false))
            {
                // Another node's scheduler claimed this due run.
                continue;
            }

            var scheduler = new Principal(monitor.TenantId, SchedulerUser, [], [Role.Admin]);
            try
            {
                await RunAsync(scheduler, monitor.Model, new DriftRunRequest(Since: monitor.LastRunAt), cancellationToken).ConfigureAwait(false);
                ran++;
            }
            catch (LodestarException error)
            {
                await registry.AuditAsync(scheduler, "model.drift.failed", monitor.Model, new Dictionary<string, string> { ["error"] = error.Message }, cancellationToken).ConfigureAwait(false);
            }
        }

        return ran;
    }

    /// <summary>The CSV when one is named, else the endpoint's logged predictions of this model (since the monitor's last run when scheduled).</summary>
    private async Task<(TabularDataset Data, string Source)> CurrentWindowAsync(Principal principal, string model, DriftRunRequest request, DriftMonitor? monitor, CancellationToken cancellationToken)
    {
        if ((request.CurrentPath ?? (request.Endpoint is null ? monitor?.CurrentPath : null)) is { } path)
        {
            return (await TabularDataset.LoadCsvAsync(path, cancellationToken).ConfigureAwait(false), Path.GetFileName(path));
        }

        var endpoint = request.Endpoint ?? monitor?.Endpoint
            ?? throw LodestarException.Invalid("give 'currentPath' (a CSV of the current window) or 'endpoint' (a serving endpoint whose prediction log is the window), or configure one on the model's drift monitor");
        await serving.FlushPredictionLogAsync(cancellationToken).ConfigureAwait(false);
        var rows = await predictions.ReadAsync(new PredictionLogQuery(principal.TenantId, endpoint, model, Since: request.Since), cancellationToken).ConfigureAwait(false);
        return (PredictionLogDataset.ToDataset(rows), $"endpoint:{endpoint} ({rows.Count} logged predictions)");
    }

    private async Task<VersionDetails> ReferenceVersionAsync(Principal principal, string model, string? reference, CancellationToken cancellationToken)
    {
        if (reference is not null)
        {
            return await registry.GetVersionAsync(principal, ModelReference.Within(model, reference), cancellationToken).ConfigureAwait(false);
        }

        var champion = await registry.CurrentAliasAsync(model, PromotionPolicy.Champion, cancellationToken).ConfigureAwait(false);
        return await registry.GetVersionAsync(principal, new ModelReference(model, null, champion?.Version), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The model's inputs plus its predictions as a <c>prediction</c> column, so prediction drift is reported like any feature's.</summary>
    private static TabularDataset Project(TabularDataset data, List<string> inputs, string what, double[] predictions)
    {
        var columns = new List<DataColumn>(inputs.Count + 1);
        foreach (var name in inputs)
        {
            columns.Add(data.Find(name) ?? throw LodestarException.Invalid($"the {what} data has no column '{name}', an input of the model"));
        }

        var prediction = new ColumnBuilder(PredictionLogDataset.PredictionColumn, TabularDataset.DictionaryCap);
        foreach (var value in predictions)
        {
            prediction.Add(value.ToString("R", CultureInfo.InvariantCulture));
        }

        columns.Add(prediction.Build());
        return new TabularDataset(columns);
    }
}
