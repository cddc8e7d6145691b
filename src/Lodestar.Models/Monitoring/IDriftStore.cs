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

    Task MarkRunAsync(string model, DateTimeOffset at, CancellationToken cancellationToken = default);
}
