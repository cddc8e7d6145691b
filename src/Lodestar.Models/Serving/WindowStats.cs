namespace Lodestar.Models.Serving;

/// <summary>Latency and errors of one served version over the SLO window.</summary>
public sealed record WindowStats(int Requests, int Errors, double P50Ms, double P99Ms)
{
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;
}
