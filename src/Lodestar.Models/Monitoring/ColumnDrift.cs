using System.Text.Json.Serialization;

namespace Lodestar.Models.Monitoring;

/// <summary>
/// The drift verdict for one column: method name (ks, chisquare, wasserstein, jensenshannon, psi, kl), how the
/// column was read, the statistic (null when infinite, e.g. chi-squared with a category the reference never had),
/// the p-value for tests (null for distances), the threshold used and the verdict.
/// </summary>
public sealed record ColumnDrift(string Method, string Kind, double? Statistic, [property: JsonPropertyName("pvalue")] double? PValue, double Threshold, bool Drift);
