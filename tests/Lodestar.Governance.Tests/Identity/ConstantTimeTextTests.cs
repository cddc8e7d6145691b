using Lodestar.Governance.Identity;

namespace Lodestar.Governance.Tests.Identity;

public sealed class ConstantTimeTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("abc")]
    [InlineData("lsk_0123456789ab_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG")]
    public void Matches_SameText_True(string text)
    {
        Assert.True(ConstantTimeText.Matches(text, new string(text.AsSpan())));
    }

    [Fact]
    public void Matches_AnyOneCharacterDifferent_False()
    {
        var key = ApiKeyFormat.Generate().Key;
        Assert.True(ConstantTimeText.Matches(key, key.ToCharArray()));
        for (var i = 0; i < key.Length; i++)
        {
            var changed = key.ToCharArray();
            changed[i] = (char)(changed[i] ^ 1);
            Assert.False(ConstantTimeText.Matches(key, changed), $"position {i}");
        }
    }

    [Fact]
    public void Matches_DifferentOnlyInTheHighByteOfACharacter_False()
    {
        Assert.False(ConstantTimeText.Matches("key", "ke\u0179"));
    }

    [Theory]
    [InlineData("abc", "abcd")]
    [InlineData("abcd", "abc")]
    [InlineData("", "a")]
    public void Matches_DifferentLengths_False(string presented, string known)
    {
        Assert.False(ConstantTimeText.Matches(presented, known));
    }
}
