namespace Lodestar.Models.Serving;

/// <summary>
/// One sampled prediction: the endpoint and version that answered, the inputs as sent (text, null when missing)
/// and the prediction (probability of the positive class for classifiers).
/// </summary>
public sealed record LoggedPrediction(
    string TenantId,
    string Endpoint,
    string Model,
    int Version,
    DateTimeOffset At,
    IReadOnlyDictionary<string, string?> Inputs,
    double Prediction);
