using Lodestar.Governance.Identity;

namespace Lodestar.Governance.Tests.Identity;

public sealed class ApiKeyFormatTests
{
    [Fact]
    public void Generate_NewKey_ParsesBackToItsId()
    {
        var (keyId, key) = ApiKeyFormat.Generate();

        Assert.StartsWith("lsk_" + keyId + "_", key, StringComparison.Ordinal);
        Assert.Equal(keyId, ApiKeyFormat.TryGetKeyId(key));
    }

    [Fact]
    public void Generate_TwoKeys_DifferInIdAndSecret()
    {
        var first = ApiKeyFormat.Generate();
        var second = ApiKeyFormat.Generate();

        Assert.NotEqual(first.KeyId, second.KeyId);
        Assert.NotEqual(first.Key[17..], second.Key[17..]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer something")]
    [InlineData("lsk_ABCDEF012345_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("lsk_abcdef012345-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("lsk_abcdef012345_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("lsk_abcdef012345_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA*")]
    public void TryGetKeyId_MalformedKey_ReturnsNull(string? presented)
    {
        Assert.Null(ApiKeyFormat.TryGetKeyId(presented));
    }
}
