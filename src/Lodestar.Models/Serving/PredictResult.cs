using Lodestar.Models.Training;

namespace Lodestar.Models.Serving;

/// <summary>What an endpoint answered: which version scored the rows, the predictions in row order, and explanations when asked.</summary>
public sealed record PredictResult(string Endpoint, string Model, int Version, IReadOnlyList<double> Predictions, IReadOnlyList<Explanation>? Explanations);
