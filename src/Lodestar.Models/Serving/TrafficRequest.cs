namespace Lodestar.Models.Serving;

/// <summary>A canary or shadow in a deploy request: a model reference, its share of traffic (canary only) and faults.</summary>
public sealed record TrafficRequest(string Model, int Weight = 0, FaultInjection? Fault = null);
