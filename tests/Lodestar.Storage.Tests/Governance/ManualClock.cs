namespace Lodestar.Storage.Tests.Governance;

/// <summary>A clock the test moves by hand, for expiry.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
