namespace Lodestar.WebConsole.Components.Charts;

/// <summary>One named line of a chart; a null value is a bucket with no data (a gap, not a zero).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);
