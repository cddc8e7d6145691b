namespace Lodestar.Models.Monitoring;

/// <summary>Per-column verdicts and the dataset verdict (share of drifted columns against the configured share).</summary>
public sealed record DriftReport(bool DatasetDrift, double DriftedShare, IReadOnlyDictionary<string, ColumnDrift> Columns);
