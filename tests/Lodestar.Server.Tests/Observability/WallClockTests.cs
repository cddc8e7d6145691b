using System.Diagnostics;
using Lodestar.Server.Observability;

namespace Lodestar.Server.Tests.Observability;

public sealed class WallClockTests
{
    [Fact]
    public void At_Now_IsTheCurrentTime()
    {
        var before = DateTimeOffset.UtcNow;
        var at = WallClock.At(Stopwatch.GetTimestamp());
        var after = DateTimeOffset.UtcNow;

        Assert.InRange(at, before.AddMilliseconds(-1), after.AddMilliseconds(1));
    }

    [Fact]
    public void At_TimestampsAcrossAnAnchorRenewal_KeepTheirSpacing()
    {
        var now = Stopwatch.GetTimestamp();
        var later = now + (3 * Stopwatch.Frequency);

        var first = WallClock.At(now);
        var second = WallClock.At(later);
        var firstAgain = WallClock.At(now);

        Assert.InRange((second - first).TotalMilliseconds, 2_999, 3_001);
        Assert.InRange((firstAgain - first).TotalMilliseconds, -1, 1);
    }
}
