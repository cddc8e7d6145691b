namespace Lodestar.Observability.Tests.Support;

/// <summary>A clock the test sets, so time windows do not depend on the machine's wall clock (which may step backwards).</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
