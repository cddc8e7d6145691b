using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using Lodestar.Models.Data;
using Lodestar.Models.Registry;
using Lodestar.Models.Tracking;
using Lodestar.Models.Validation;

namespace Lodestar.Models.Training;

/// <summary>
/// Train → track → register. Data problems surface before a run exists; a failure after the run started marks
/// it Failed and registers nothing; the version is registered only after its artifact is durably on disk.
/// </summary>
public sealed class ModelTrainer(ITrackingStore tracking, IModelRegistryStore registry, IModelArtifactStore artifacts, TimeProvider clock)
{
    public async Task<TrainResult> TrainAsync(TrainRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ModelNames.Validate(request.ModelName, "model");
        var data = await TabularDataset.LoadCsvAsync(request.DataPath, cancellationToken).ConfigureAwait(false);
        if (request.Expectations is { } suite)
        {
            DataValidator.Validate(data, suite).ThrowIfFailed("training");
        }

        var train = TrainingSet.Create(data, request.Target, request.Algorithm);
        var valid = request.ValidPath is null
            ? null
            : train.With(await TabularDataset.LoadCsvAsync(request.ValidPath, cancellationToken).ConfigureAwait(false));
        var fingerprint = await FingerprintAsync(request.DataPath, cancellationToken).ConfigureAwait(false);

        var experiment = await tracking.GetOrCreateExperimentAsync(request.ModelName, cancellationToken).ConfigureAwait(false);
        var runId = Guid.NewGuid().ToString("N");
        await tracking.StartRunAsync(runId, experiment.Id, $"{request.ModelName}-{request.Algorithm.ToString().ToLowerInvariant()}", fingerprint, CodeVersion, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        try
        {
            await tracking.LogParamsAsync(runId, Params(request, train), cancellationToken).ConfigureAwait(false);
            var model = await Task.Run(() => Fit(train, request.Algorithm, cancellationToken), cancellationToken).ConfigureAwait(false);
            var evaluated = valid ?? train;
            var metrics = Metrics.Evaluate(train.Signature.Task, evaluated.Target, model.Predict(evaluated.Features));
            var now = clock.GetUtcNow();
            await tracking.LogMetricsAsync(runId, [.. metrics.Select(m => new MetricPoint((valid is null ? "train_" : "valid_") + m.Key, m.Value, 0, now))], cancellationToken).ConfigureAwait(false);

            var sha256 = await artifacts.SaveAsync(model, cancellationToken).ConfigureAwait(false);
            var version = await registry.CreateVersionAsync(
                new NewModelVersion(request.ModelName, runId, request.Algorithm.ToString().ToLowerInvariant(), sha256, train.Signature, metrics),
                clock.GetUtcNow(),
                cancellationToken).ConfigureAwait(false);
            await tracking.SetTagsAsync(runId, new Dictionary<string, string> { ["registered_model"] = $"{version.Name}:{version.Version}" }, cancellationToken).ConfigureAwait(false);
            await tracking.EndRunAsync(runId, RunStatus.Finished, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return new TrainResult(runId, version.Name, version.Version, metrics);
        }
        catch
        {
            await tracking.EndRunAsync(runId, RunStatus.Failed, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static TabularModel Fit(TrainingSet train, Algorithm algorithm, CancellationToken cancellationToken) => algorithm switch
    {
        Algorithm.Gbdt => GradientBoostingTrainer.Train(train, cancellationToken: cancellationToken),
        _ => LinearTrainer.Train(train, cancellationToken: cancellationToken),
    };

    private static Dictionary<string, string> Params(TrainRequest request, TrainingSet train)
    {
        var parameters = new Dictionary<string, string>
        {
            ["algorithm"] = request.Algorithm.ToString().ToLowerInvariant(),
            ["target"] = request.Target,
            ["task"] = train.Signature.Task.ToString(),
            ["rows"] = train.Target.Length.ToString(CultureInfo.InvariantCulture),
            ["inputs"] = train.Signature.Inputs.Count.ToString(CultureInfo.InvariantCulture),
        };
        var options = request.Algorithm == Algorithm.Gbdt ? (object)new GradientBoostingOptions() : new LinearTrainerOptions();
        foreach (var property in options.GetType().GetProperties())
        {
            parameters[property.Name] = property.GetValue(options) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture)! : "auto";
        }

        return parameters;
    }

    private static async Task<string> FingerprintAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    private static string CodeVersion =>
        typeof(ModelTrainer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
