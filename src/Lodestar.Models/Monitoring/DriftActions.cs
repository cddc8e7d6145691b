using System.Globalization;
using System.Net.Http.Json;
using Lodestar.Core;
using Lodestar.Core.Net;
using Lodestar.Models.Retraining;

namespace Lodestar.Models.Monitoring;

/// <summary>Carries out the actions of fired drift rules; a failing action is reported in the outcome, never thrown, so the other actions still run.</summary>
public sealed class DriftActions(RetrainingService retraining, IEnumerable<IAlertSink> alertSinks, IAuditLog audit, WebhookAddressPolicy webhookPolicy)
{
    private readonly HttpClient _webhooks = webhookPolicy.CreateClient(TimeSpan.FromSeconds(10));

    /// <summary>Checks rules when they are configured, so a typo (or a webhook into the server's own network) fails the request instead of a later scheduled run.</summary>
    public async Task CheckAsync(IReadOnlyList<DriftRule> rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var rule in rules)
        {
            if (rule.Action == DriftRule.Webhook)
            {
                await webhookPolicy.CheckAsync(rule.Url, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var problem = rule.Action switch
            {
                DriftRule.Alert => null,
                DriftRule.Retrain when string.IsNullOrWhiteSpace(rule.DataPath) => "a retrain rule needs 'dataPath', the CSV of the new training window",
                DriftRule.Retrain => null,
                _ => $"unknown action '{rule.Action}': use alert, webhook or retrain",
            };
            if (problem is not null)
            {
                throw LodestarException.Invalid(problem);
            }
        }
    }

    public async Task<IReadOnlyList<DriftActionOutcome>> RunAsync(Principal principal, StoredDriftReport report, IReadOnlyList<DriftRule> rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var outcomes = new List<DriftActionOutcome>();
        foreach (var rule in rules)
        {
            if (!Fired(rule, report.Report))
            {
                continue;
            }

            try
            {
                outcomes.Add(rule.Action switch
                {
                    DriftRule.Alert => await AlertAsync(principal, report, rule, cancellationToken).ConfigureAwait(false),
                    DriftRule.Webhook => await PostAsync(report, rule, cancellationToken).ConfigureAwait(false),
                    _ => await RetrainAsync(principal, report, rule, cancellationToken).ConfigureAwait(false),
                });
            }
            catch (Exception error) when (error is LodestarException or HttpRequestException or TaskCanceledException or IOException)
            {
                outcomes.Add(new DriftActionOutcome(rule.Action, false, error.Message));
            }
        }

        return outcomes;
    }

    private static bool Fired(DriftRule rule, DriftReport report) =>
        rule.Column is null ? report.DatasetDrift : report.Columns.TryGetValue(rule.Column, out var column) && column.Drift;

    private async Task<DriftActionOutcome> AlertAsync(Principal principal, StoredDriftReport report, DriftRule rule, CancellationToken cancellationToken)
    {
        var what = rule.Column is null ? "dataset" : $"column '{rule.Column}'";
        var message = string.Create(CultureInfo.InvariantCulture, $"drift in {what} of {report.Model}:{report.Version} ({report.Report.DriftedShare:P0} of columns drifted)");
        var alert = new AlertEvent(principal.TenantId, "models.drift", $"drift:{report.Model}:{rule.Column ?? "*"}", AlertSeverity.Warning, message,
            new Dictionary<string, string> { ["model"] = report.Model, ["report"] = report.Id });
        var delivered = 0;
        foreach (var sink in alertSinks)
        {
            await sink.RaiseAsync(alert, cancellationToken).ConfigureAwait(false);
            delivered++;
        }

        await audit.AppendAsync(new AuditEvent(principal.TenantId, principal.UserId, "model.drift.alert", "model:" + report.Model, alert.Details), cancellationToken).ConfigureAwait(false);
        return new DriftActionOutcome(DriftRule.Alert, delivered > 0, delivered > 0 ? message : "no alert sink is configured; recorded in the audit trail only");
    }

    private async Task<DriftActionOutcome> PostAsync(StoredDriftReport report, DriftRule rule, CancellationToken cancellationToken)
    {
        var drifted = report.Report.Columns.Where(c => c.Value.Drift).Select(c => c.Key).ToList();
        using var response = await _webhooks.PostAsJsonAsync(rule.Url, new
        {
            @event = "model.drift",
            model = report.Model,
            version = report.Version,
            report = report.Id,
            datasetDrift = report.Report.DatasetDrift,
            driftedShare = report.Report.DriftedShare,
            driftedColumns = drifted,
        }, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        return new DriftActionOutcome(DriftRule.Webhook, response.IsSuccessStatusCode, string.Create(CultureInfo.InvariantCulture, $"HTTP {status}"));
    }

    private async Task<DriftActionOutcome> RetrainAsync(Principal principal, StoredDriftReport report, DriftRule rule, CancellationToken cancellationToken)
    {
        var result = await retraining.RetrainAsync(principal, report.Model, rule.DataPath!, report.Version.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new DriftActionOutcome(DriftRule.Retrain, true, $"registered {result.Trained.Model}:{result.Trained.Version} as {result.Alias}", result.Trained.Version);
    }
}
