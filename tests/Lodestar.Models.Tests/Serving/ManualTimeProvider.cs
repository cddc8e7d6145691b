namespace Lodestar.Models.Tests.Serving;

/// <summary>A clock that moves only when told, for window arithmetic.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _timestamp = 1_000_000;

    public override long TimestampFrequency => 1_000;

    public override long GetTimestamp() => _timestamp;

    public void Advance(TimeSpan by) => _timestamp += (long)by.TotalMilliseconds;
}
