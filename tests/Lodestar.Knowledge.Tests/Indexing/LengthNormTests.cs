using Lodestar.Knowledge.Indexing;

namespace Lodestar.Knowledge.Tests.Indexing;

public sealed class LengthNormTests
{
    [Fact]
    public void Encode_LengthsBelow24_AreExact()
    {
        for (var length = 0; length < 24; length++)
        {
            Assert.Equal(length, LengthNorm.Decode(LengthNorm.Encode(length)));
        }
    }

    [Fact]
    public void Encode_Length100_MatchesLuceneSmallFloat()
    {
        // Act: SmallFloat.intToByte4(100) = 57, byte4ToInt(57) = 96.
        var code = LengthNorm.Encode(100);

        // Assert
        Assert.Equal(57, code);
        Assert.Equal(96, LengthNorm.Decode(code));
    }

    [Fact]
    public void Encode_IncreasingLengths_AreMonotoneAndNeverOverestimate()
    {
        var previous = 0;
        for (var length = 0; length < 100_000; length += 7)
        {
            var code = LengthNorm.Encode(length);
            Assert.True(code >= previous);
            Assert.InRange(LengthNorm.Decode(code), length * 7 / 8, length);
            previous = code;
        }
    }
}
