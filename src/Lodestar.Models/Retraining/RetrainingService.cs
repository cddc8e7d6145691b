using System.Globalization;
using Lodestar.Core;
using Lodestar.Models.Registry;
using Lodestar.Models.Tracking;
using Lodestar.Models.Training;

namespace Lodestar.Models.Retraining;

/// <summary>
/// Re-runs the recorded training recipe of a version (algorithm and target from its run's params) on a new data
/// window, registers the result and points an alias (default <c>challenger</c>) at it. The new version then goes
/// through the usual promotion flow to become champion.
/// </summary>
public sealed class RetrainingService(RegistryService registry, ITrackingStore tracking)
{
    public const string Challenger = "challenger";

    /// <param name="baseReference">Whose recipe to re-run: an alias or version of <paramref name="model"/>; default champion, else the latest.</param>
    public async Task<RetrainResult> RetrainAsync(Principal principal, string model, string dataPath, string? baseReference = null, string alias = Challenger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (string.IsNullOrWhiteSpace(dataPath))
        {
            throw LodestarException.Invalid("retraining needs the path of the new data window (a CSV with the target column)");
        }

        var baseVersion = await BaseVersionAsync(principal, model, baseReference, cancellationToken).ConfigureAwait(false);
        var run = await tracking.GetRunAsync(baseVersion.RunId, cancellationToken).ConfigureAwait(false)
            ?? throw LodestarException.NotFound($"the run that produced {model}:{baseVersion.Version} is no longer tracked, so its recipe is unknown");
        var recipe = new TrainRequest(dataPath, Param(run, "target"), model, ParseAlgorithm(Param(run, "algorithm")));
        var trained = await registry.TrainAsync(principal, recipe, cancellationToken).ConfigureAwait(false);
        await registry.MoveAliasAsync(principal, model, alias, trained.Version, null, cancellationToken).ConfigureAwait(false);
        await registry.AuditAsync(principal, "model.retrain", model, new Dictionary<string, string>
        {
            ["baseVersion"] = baseVersion.Version.ToString(CultureInfo.InvariantCulture),
            ["version"] = trained.Version.ToString(CultureInfo.InvariantCulture),
            ["alias"] = alias,
            ["run"] = trained.Run,
        }, cancellationToken).ConfigureAwait(false);
        return new RetrainResult(baseVersion.Version, trained, alias);
    }

    private async Task<ModelVersion> BaseVersionAsync(Principal principal, string model, string? reference, CancellationToken cancellationToken)
    {
        if (reference is not null)
        {
            return (await registry.GetVersionAsync(principal, ModelReference.Within(model, reference), cancellationToken).ConfigureAwait(false)).Version;
        }

        await registry.EnsureVisibleAsync(principal, model, cancellationToken).ConfigureAwait(false);
        var champion = await registry.CurrentAliasAsync(model, PromotionPolicy.Champion, cancellationToken).ConfigureAwait(false);
        return await registry.ResolveAsync(new ModelReference(model, null, champion?.Version), cancellationToken).ConfigureAwait(false);
    }

    private static string Param(Run run, string key) =>
        run.Params.TryGetValue(key, out var value) ? value : throw LodestarException.Invalid($"run '{run.Id}' did not record the '{key}' param needed to retrain");

    private static Algorithm ParseAlgorithm(string text) =>
        Enum.TryParse<Algorithm>(text, ignoreCase: true, out var algorithm) && Enum.IsDefined(algorithm)
            ? algorithm
            : throw LodestarException.Invalid($"the recorded algorithm '{text}' is unknown to this build");
}
