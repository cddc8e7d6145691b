using Lodestar.Core;
using Lodestar.Knowledge.Vectors;

namespace Lodestar.Knowledge.Tests.Vectors;

public sealed class VectorMathTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(515)]
    public void Dot_RandomVectors_MatchesScalarFallback(int length)
    {
        var data = TestVectors.Clustered(2, length, 1, seed: length);
        var a = TestVectors.Row(data, length, 0);
        var b = TestVectors.Row(data, length, 1);

        var simd = VectorMath.Dot(a, b);

        Assert.Equal(VectorMath.DotScalar(a, b), simd, Math.Max(1e-4f, Math.Abs(simd) * 1e-5f));
    }

    [Fact]
    public void Normalize_RandomVector_MatchesScalarFallbackAndHasUnitLength()
    {
        var simd = TestVectors.Clustered(1, 300, 1, seed: 3);
        var scalar = (float[])simd.Clone();

        VectorMath.Normalize(simd);
        VectorMath.NormalizeScalar(scalar);

        for (var i = 0; i < simd.Length; i++)
        {
            Assert.Equal(scalar[i], simd[i], 1e-6f);
        }

        Assert.Equal(1f, VectorMath.DotScalar(simd, simd), 1e-5f);
    }

    [Fact]
    public void Normalize_ZeroVector_ThrowsInvalid()
    {
        var error = Assert.Throws<LodestarException>(() => VectorMath.Normalize(new float[4]));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    [Theory]
    [InlineData(float.NaN, false)]
    [InlineData(float.PositiveInfinity, false)]
    [InlineData(-3.5f, true)]
    public void IsFinite_OneSpecialComponent_DetectsNonFinite(float special, bool expected)
    {
        var vector = new float[33];
        vector[20] = special;
        vector[3] = 1f;

        Assert.Equal(expected, VectorMath.IsFinite(vector));
    }
}
