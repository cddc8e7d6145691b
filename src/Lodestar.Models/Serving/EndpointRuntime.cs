namespace Lodestar.Models.Serving;

/// <summary>
/// A deployment made live in this process: its loaded versions, the in-flight count against the concurrency
/// limit, and the switch that takes a breaching canary out of the traffic at once (before the store is updated).
/// </summary>
internal sealed class EndpointRuntime(EndpointDeployment deployment, VersionRunner primary, VersionRunner? canary, VersionRunner? shadow, long checkedAt)
{
    private int _inFlight;
    private long _checkedAt = checkedAt;
    private volatile bool _canaryStopped;
    private int _rollbackClaimed;

    public EndpointDeployment Deployment { get; } = deployment;

    public VersionRunner Primary { get; } = primary;

    public VersionRunner? Canary { get; } = canary;

    public VersionRunner? Shadow { get; } = shadow;

    public IEnumerable<VersionRunner> Runners => new[] { Primary, Canary, Shadow }.OfType<VersionRunner>();

    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= Deployment.MaxConcurrency)
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    public VersionRunner Choose() =>
        Canary is not null && !_canaryStopped && Random.Shared.Next(100) < Deployment.CanaryWeight ? Canary : Primary;

    /// <summary>True for the one caller that should check the store now (at most once per interval).</summary>
    public bool TryClaimRefresh(long now, long interval)
    {
        var last = Interlocked.Read(ref _checkedAt);
        return now - last >= interval && Interlocked.CompareExchange(ref _checkedAt, now, last) == last;
    }

    /// <summary>Stops routing to the canary; true only for the first caller, who then owns the rollback.</summary>
    public bool TryStopCanary()
    {
        if (Interlocked.Exchange(ref _rollbackClaimed, 1) != 0)
        {
            return false;
        }

        _canaryStopped = true;
        return true;
    }
}
