namespace Lodestar.Models.Serving;

/// <summary>A sampled prediction as queued on the request path: the row still as the JSON the caller sent.</summary>
internal sealed record PredictionSample(string TenantId, string Endpoint, ServedVersion Version, DateTimeOffset At, byte[] RowJson, double Prediction)
{
    public LoggedPrediction ToLogged() =>
        new(TenantId, Endpoint, Version.Model, Version.Version, At, RowDecoder.Texts(RowJson), Prediction);
}
