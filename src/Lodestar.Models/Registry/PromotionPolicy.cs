using Lodestar.Models.Training;

namespace Lodestar.Models.Registry;

/// <summary>
/// What moving one alias requires: an approval by someone other than the requester and the version's author,
/// and optionally a metric at least as good as the version the alias points at now.
/// </summary>
public sealed record PromotionPolicy(string Alias, bool RequireApproval, string? Metric, bool HigherIsBetter)
{
    /// <summary>The alias that production traffic follows; protected by default.</summary>
    public const string Champion = "champion";

    /// <summary>
    /// The policy when none is configured: <c>champion</c> needs approval and a primary metric at least as good
    /// (AUC for classifiers, RMSE for regression); every other alias moves freely.
    /// </summary>
    public static PromotionPolicy Default(string alias, ModelTask task) => alias == Champion
        ? new PromotionPolicy(alias, true, task == ModelTask.BinaryClassification ? "auc" : "rmse", task == ModelTask.BinaryClassification)
        : new PromotionPolicy(alias, false, null, true);

    /// <summary>True when <paramref name="candidate"/> is at least as good as <paramref name="current"/> on the policy metric.</summary>
    public bool Allows(double candidate, double current) => HigherIsBetter ? candidate >= current : candidate <= current;
}
