namespace Lodestar.Models.Tracking;

/// <summary>One logged value of a metric; a metric logged per iteration has one point per step.</summary>
public sealed record MetricPoint(string Key, double Value, long Step, DateTimeOffset Timestamp);
