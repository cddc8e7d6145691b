using Lodestar.Core;
using Lodestar.Governance.Identity;

namespace Lodestar.Governance.Tests.Identity;

public sealed class ApiKeyLifetimeTests
{
    [Theory]
    [InlineData("30d", 30 * 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("90m", 90)]
    [InlineData(" 7D ", 7 * 24 * 60)]
    public void Parse_ValidLifetime_ReturnsDuration(string text, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), ApiKeyLifetime.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("0d")]
    [InlineData("-5d")]
    [InlineData("3w")]
    [InlineData("5000d")]
    public void Parse_InvalidLifetime_ThrowsInvalid(string text)
    {
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<LodestarException>(() => ApiKeyLifetime.Parse(text)).Kind);
    }
}
