using Lodestar.Server.Security;
using Lodestar.Testing;

namespace Lodestar.Server.Tests.Security;

public sealed class SignInThrottleTests
{
    [Fact]
    public void HasRecentFailures_NoFailureYet_IsFalse()
    {
        using var throttle = new SignInThrottle(new RateLimitSettings());

        Assert.False(throttle.HasRecentFailures);
    }

    [Fact]
    public async Task HasRecentFailures_AfterAFailureThenTwoWindows_TrueThenFalse()
    {
        // Arrange
        var window = TimeSpan.FromMilliseconds(200);
        using var throttle = new SignInThrottle(new RateLimitSettings { FailedSignIns = 1, FailedSignInWindow = window });

        // Act
        throttle.RecordFailure(["ip:10.0.0.1"]);
        var justAfter = throttle.HasRecentFailures;
        var exhausted = throttle.RetryAfter(["ip:10.0.0.1"]);
        await Task.Delay(2 * window + TimeSpan.FromMilliseconds(100));

        // Assert: while it may matter, the limiter is asked (and refuses); two windows later it is no longer asked.
        Assert.True(justAfter);
        Assert.NotNull(exhausted);
        Assert.False(throttle.HasRecentFailures);

        // The limiter itself replenishes when its timer fires, which a loaded machine may run late.
        await Eventually.WaitForAsync(() => Task.FromResult(throttle.RetryAfter(["ip:10.0.0.1"])), retryAfter => retryAfter is null, "the failed sign-in window to replenish");
    }
}
