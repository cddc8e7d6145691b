namespace Lodestar.Models.Serving;

/// <summary>
/// What to deploy to an endpoint. <see cref="Model"/> is <c>NAME</c>, <c>NAME@ALIAS</c> or <c>NAME:VERSION</c>,
/// resolved once at deploy time (the endpoint then keeps serving that version until redeployed).
/// Null settings keep the endpoint's current value, or the <see cref="ServingOptions"/> default for a new endpoint.
/// </summary>
public sealed record DeployRequest(
    string Model,
    TrafficRequest? Canary = null,
    TrafficRequest? Shadow = null,
    EndpointSlo? Slo = null,
    int? MaxBatchSize = null,
    int? MaxWaitMs = null,
    int? MaxConcurrency = null,
    double? LogSampleRate = null,
    FaultInjection? Fault = null);
