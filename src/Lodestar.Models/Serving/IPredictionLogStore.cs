namespace Lodestar.Models.Serving;

/// <summary>Appends sampled predictions (written in batches off the request path).</summary>
public interface IPredictionLogStore : IPredictionLogReader
{
    Task AppendAsync(IReadOnlyList<LoggedPrediction> predictions, CancellationToken cancellationToken = default);
}
