namespace Lodestar.Server.Cluster;

/// <summary>Whether this node's indexes have caught up with the change log once since start (<c>/readyz</c>).</summary>
internal sealed class IndexReadiness
{
    private long _caughtUpTicks;

    public bool IsReady => Volatile.Read(ref _caughtUpTicks) != 0;

    public DateTimeOffset? CaughtUpAt => IsReady ? new DateTimeOffset(Volatile.Read(ref _caughtUpTicks), TimeSpan.Zero) : null;

    public void MarkCaughtUp(DateTimeOffset at) => Interlocked.CompareExchange(ref _caughtUpTicks, at.UtcTicks, 0);
}
