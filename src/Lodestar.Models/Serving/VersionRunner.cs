using Lodestar.Core;
using Lodestar.Models.Registry;
using Lodestar.Models.Training;

namespace Lodestar.Models.Serving;

/// <summary>One loaded model version behind an endpoint: its batcher, its latency window and any injected faults.</summary>
internal sealed class VersionRunner : IAsyncDisposable
{
    private const int WarmUpRounds = 3;

    private readonly MicroBatcher _batcher;
    private readonly TimeProvider _time;

    private VersionRunner(ServedVersion version, TabularModel model, int maxBatchSize, int maxWaitMs, TimeProvider time)
    {
        Version = version;
        Model = model;
        Schema = new SignatureSchema(model.Signature);
        MaxBatchSize = maxBatchSize;
        MaxWaitMs = maxWaitMs;
        Window = new LatencyWindow(time);
        _time = time;
        _batcher = new MicroBatcher(model, maxBatchSize, maxWaitMs);
    }

    public ServedVersion Version { get; }

    public TabularModel Model { get; }

    public SignatureSchema Schema { get; }

    public int MaxBatchSize { get; }

    public int MaxWaitMs { get; }

    public LatencyWindow Window { get; }

    public long Batches => _batcher.Batches;

    public long BatchedRows => _batcher.Rows;

    /// <summary>Loads the artifact and scores a few all-missing rows (and explains one) so the first real request is not the slow one.</summary>
    public static async Task<VersionRunner> LoadAsync(ModelRegistry registry, ServedVersion served, int maxBatchSize, int maxWaitMs, TimeProvider time, CancellationToken cancellationToken)
    {
        var version = await registry.ResolveAsync(new ModelReference(served.Model, null, served.Version), cancellationToken).ConfigureAwait(false);
        var model = await registry.LoadAsync(version, cancellationToken).ConfigureAwait(false);
        var runner = new VersionRunner(served, model, maxBatchSize, maxWaitMs, time);
        var width = runner.Schema.Width;
        var rows = new DecodedRows(Enumerable.Repeat(double.NaN, width * 4).ToArray(), 4, width);
        for (var i = 0; i < WarmUpRounds; i++)
        {
            await runner._batcher.PredictAsync(rows).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        model.Explain(rows.ToFeatureTable(model.Signature.Inputs), 0);
        return runner;
    }

    public bool Serves(ServedVersion version, int maxBatchSize, int maxWaitMs) =>
        Version == version && MaxBatchSize == maxBatchSize && MaxWaitMs == maxWaitMs;

    public async ValueTask<double[]> PredictAsync(DecodedRows rows, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var failed = true;
        try
        {
            if (Version.Fault is { } fault)
            {
                if (fault.DelayMs > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), _time, cancellationToken).ConfigureAwait(false);
                }

                if (fault.ErrorRate > 0 && Random.Shared.NextDouble() < fault.ErrorRate)
                {
                    throw new LodestarException(ErrorKind.Unavailable, $"model {Version} failed (injected fault)");
                }
            }

            var scoring = _batcher.PredictAsync(rows);
            var predictions = scoring.IsCompleted ? scoring.Result : await scoring.AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            failed = false;
            return predictions;
        }
        finally
        {
            // A caller that went away is not the model's failure; everything else counts toward the SLO.
            if (!cancellationToken.IsCancellationRequested)
            {
                var ended = _time.GetTimestamp();
                Window.Record(ended, _time.GetElapsedTime(started, ended).TotalMilliseconds, failed);
            }
        }
    }

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();
}
