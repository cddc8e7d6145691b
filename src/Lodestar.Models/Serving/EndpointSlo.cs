namespace Lodestar.Models.Serving;

/// <summary>
/// What a healthy endpoint looks like over a sliding window: a canary with at least <see cref="MinRequests"/>
/// requests in the last <see cref="WindowSeconds"/> whose p99 latency or error rate exceeds these bounds is rolled back.
/// </summary>
public sealed record EndpointSlo(double P99Ms = 250, double MaxErrorRate = 0.05, int MinRequests = 20, int WindowSeconds = 60)
{
    internal EndpointSlo Validated()
    {
        if (!(P99Ms > 0) || !(MaxErrorRate is >= 0 and <= 1) || MinRequests < 1 || WindowSeconds is < 1 or > 3600)
        {
            throw Core.LodestarException.Invalid("slo needs p99Ms > 0, maxErrorRate in [0,1], minRequests >= 1 and windowSeconds in [1,3600]");
        }

        return this;
    }
}
