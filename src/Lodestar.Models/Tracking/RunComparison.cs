namespace Lodestar.Models.Tracking;

/// <summary>
/// Runs side by side: one row per param and per metric (the metric's last value) with one cell per run (null when
/// a run lacks it), plus every metric's full curve per run for plotting.
/// </summary>
public sealed record RunComparison(
    IReadOnlyList<string> Runs,
    IReadOnlyDictionary<string, IReadOnlyList<string?>> Params,
    IReadOnlyDictionary<string, IReadOnlyList<double?>> Metrics,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<MetricPoint>>> Curves)
{
    public static RunComparison Of(IReadOnlyList<Run> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var parameters = new SortedDictionary<string, IReadOnlyList<string?>>(StringComparer.Ordinal);
        var metrics = new SortedDictionary<string, IReadOnlyList<double?>>(StringComparer.Ordinal);
        var curves = new SortedDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<MetricPoint>>>(StringComparer.Ordinal);
        foreach (var key in runs.SelectMany(r => r.Params.Keys).Distinct())
        {
            parameters[key] = runs.Select(r => r.Params.GetValueOrDefault(key)).ToList();
        }

        foreach (var key in runs.SelectMany(r => r.Metrics.Select(m => m.Key)).Distinct())
        {
            metrics[key] = runs.Select(r => Latest(r, key)?.Value).ToList();
            curves[key] = runs.ToDictionary(r => r.Id, r => (IReadOnlyList<MetricPoint>)r.Metrics.Where(m => m.Key == key).OrderBy(m => m.Step).ToList());
        }

        return new RunComparison(runs.Select(r => r.Id).ToList(), parameters, metrics, curves);
    }

    /// <summary>The value at the highest step, later logs winning ties (MLflow's "latest metric").</summary>
    public static MetricPoint? Latest(Run run, string key)
    {
        ArgumentNullException.ThrowIfNull(run);
        MetricPoint? latest = null;
        foreach (var point in run.Metrics)
        {
            if (point.Key == key && (latest is null || point.Step >= latest.Step))
            {
                latest = point;
            }
        }

        return latest;
    }
}
