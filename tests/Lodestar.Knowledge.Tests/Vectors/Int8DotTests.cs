using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Lodestar.Knowledge.Vectors;

namespace Lodestar.Knowledge.Tests.Vectors;

public sealed class Int8DotTests
{
    public static TheoryData<int> Lengths => [1, 15, 16, 31, 33, 64, 77, 512, 515];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_EverySupportedPath_EqualsScalar(int length)
    {
        var (query, codes) = RandomPair(length, seed: length);
        var expected = Int8Dot.DotScalar(query, codes);

        Assert.Equal(expected, Int8Dot.Dot(query, codes));
        if (AvxVnni.IsSupported)
        {
            Assert.Equal(expected, Int8Dot.DotVnni(query, codes));
        }

        if (Avx2.IsSupported)
        {
            Assert.Equal(expected, Int8Dot.DotAvx2(query, codes));
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Assert.Equal(expected, Int8Dot.DotVector128(query, codes));
        }
    }

    [Fact]
    public void Dot_ExtremeValues_DoesNotSaturate()
    {
        var query = Enumerable.Repeat((sbyte)-127, 512).ToArray();
        var codes = Enumerable.Repeat((byte)255, 512).ToArray();

        Assert.Equal(-127 * 255 * 512, Int8Dot.Dot(query, codes));
        Assert.Equal(Int8Dot.DotScalar(query, codes), Int8Dot.Dot(query, codes));
    }

    private static (sbyte[] Query, byte[] Codes) RandomPair(int length, int seed)
    {
        var random = new Random(seed);
        var query = new sbyte[length];
        var codes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            query[i] = (sbyte)random.Next(-127, 128);
            codes[i] = (byte)random.Next(0, 256);
        }

        return (query, codes);
    }
}
