namespace Lodestar.Models.Serving;

/// <summary>
/// Reads sampled predictions back, e.g. as the "current" window of a drift report.
/// <see cref="PredictionLogDataset.ToDataset"/> turns the rows into a <see cref="Data.TabularDataset"/>.
/// </summary>
public interface IPredictionLogReader
{
    /// <summary>Rows matching <paramref name="query"/>, oldest first (the newest <c>Limit</c> of them).</summary>
    Task<IReadOnlyList<LoggedPrediction>> ReadAsync(PredictionLogQuery query, CancellationToken cancellationToken = default);
}
