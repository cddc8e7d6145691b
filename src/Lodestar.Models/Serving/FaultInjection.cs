namespace Lodestar.Models.Serving;

/// <summary>
/// Deliberate faults for one served version (game days, rollback drills, tests): extra latency per request and a
/// share of failed requests. Accepted only when the operator enabled <see cref="ServingOptions.AllowFaultInjection"/>.
/// </summary>
public sealed record FaultInjection(int DelayMs = 0, double ErrorRate = 0)
{
    internal FaultInjection Validated()
    {
        if (DelayMs is < 0 or > 60_000 || !(ErrorRate is >= 0 and <= 1))
        {
            throw Core.LodestarException.Invalid("fault needs delayMs in [0,60000] and errorRate in [0,1]");
        }

        return this;
    }
}
