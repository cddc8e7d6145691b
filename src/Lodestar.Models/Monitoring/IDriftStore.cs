namespace Lodestar.Models.Monitoring;

/// <summary>Stored drift reports and the per-model drift monitors the scheduler runs.</summary>
public interface IDriftStore
{
    Task SaveReportAsync(StoredDriftReport report, CancellationToken cancellationToken = default);

    Task<StoredDriftReport?> GetReportAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Reports of a model, newest first.</summary>
    Task<IReadOnlyList<StoredDriftReport>> ListReportsAsync(string model, int limit, CancellationToken cancellationToken = default);

    Task SetMonitorAsync(DriftMonitor monitor, CancellationToken cancellationToken = default);

    Task<DriftMonitor?> GetMonitorAsync(string model, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DriftMonitor>> ListMonitorsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a scheduled run at <paramref name="at"/> only if the monitor's last run is still <paramref name="previousRunAt"/>;
    /// false when another node's scheduler claimed this due time first (or the monitor is gone), so each due run happens once.
    /// </summary>
    Task<bool> MarkRunAsync(string model, DateTimeOffset? previousRunAt, DateTimeOffset at, CancellationToken cancellationToken = default);
}
