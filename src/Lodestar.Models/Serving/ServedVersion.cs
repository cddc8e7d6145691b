namespace Lodestar.Models.Serving;

/// <summary>One registered model version an endpoint routes to, with the faults injected into it (if any).</summary>
public sealed record ServedVersion(string Model, int Version, FaultInjection? Fault = null)
{
    public override string ToString() => $"{Model}:{Version}";
}
