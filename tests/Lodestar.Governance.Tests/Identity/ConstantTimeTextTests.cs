using Lodestar.Governance.Identity;

namespace Lodestar.Governance.Tests.Identity;

public sealed class ConstantTimeTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("abc")]
    [InlineData("lsk_0123456789ab_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG")]
    public void Equals_SameText_True(string text)
    {
        Assert.True(ConstantTimeText.Equals(text, new string(text.AsSpan())));
    }

    [Fact]
    public void Equals_AnyOneCharacterDifferent_False()
    {
        var key = ApiKeyFormat.Generate().Key;
        for (var i = 0; i < key.Length; i++)
        {
            var changed = key.ToCharArray();
            changed[i] = (char)(changed[i] ^ 1);
            Assert.False(ConstantTimeText.Equals(key, changed), $"position {i}");
        }
    }

    [Fact]
    public void Equals_DifferentOnlyInTheHighByteOfACharacter_False()
    {
        Assert.False(ConstantTimeText.Equals("key", "ke\u0179"));
    }

    [Theory]
    [InlineData("abc", "abcd")]
    [InlineData("abcd", "abc")]
    [InlineData("", "a")]
    public void Equals_DifferentLengths_False(string presented, string known)
    {
        Assert.False(ConstantTimeText.Equals(presented, known));
    }
}
