using Lodestar.Models.Encoders;

namespace Lodestar.Models.Tests.Encoders;

public sealed class GemmTests
{
    [Theory]
    [InlineData(1, 8, 16, 0)]
    [InlineData(2, 5, 33, 1)]
    [InlineData(3, 64, 64, 3)]
    [InlineData(25, 512, 96, 2)]
    [InlineData(7, 33, 40, 2)]
    [InlineData(70, 64, 100, 1)]
    [InlineData(130, 96, 272, 3)]
    public void Multiply_RandomMatrices_MatchesScalarOracle(int m, int k, int n, int epilogueFlags)
    {
        var epilogue = (GemmEpilogue)epilogueFlags;
        var random = new Random(m * 1000 + n);
        var a = RandomValues(random, m * k);
        var b = RandomValues(random, k * n);
        var bias = RandomValues(random, n);
        var packed = Gemm.Pack(b, k, n);
        var initial = RandomValues(random, m * n);
        var expected = (float[])initial.Clone();
        var actual = (float[])initial.Clone();

        Gemm.MultiplyScalar(a, m, k, packed, bias, n, expected, epilogue);
        Gemm.Multiply(a, m, k, packed, bias, n, actual, epilogue);

        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-4f);
        }
    }

    [Fact]
    public void Multiply_NoBias_MatchesScalarOracle()
    {
        var random = new Random(5);
        var a = RandomValues(random, 9 * 20);
        var packed = Gemm.Pack(RandomValues(random, 20 * 70), 20, 70);
        var expected = new float[9 * 70];
        var actual = new float[9 * 70];

        Gemm.MultiplyScalar(a, 9, 20, packed, bias: null, 70, expected, GemmEpilogue.None);
        Gemm.Multiply(a, 9, 20, packed, bias: null, 70, actual, GemmEpilogue.None);

        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-4f);
        }
    }

    [Fact]
    public void Multiply_OutputTooSmall_Throws()
    {
        var packed = Gemm.Pack(new float[4 * 8], 4, 8);

        Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[3 * 4], 3, 4, packed, bias: null, 8, new float[(3 * 8) - 1], GemmEpilogue.None));
    }

    [Fact]
    public void MultiplyScalar_SmallMatrices_EqualsTextbookProduct()
    {
        float[] a = [1, 2, 3, 4, 5, 6];
        float[] b = [1, 0, 0, 1, 1, 1];
        float[] bias = [10, 20];
        var c = new float[4];

        Gemm.MultiplyScalar(a, 2, 3, Gemm.Pack(b, 3, 2), bias, 2, c, GemmEpilogue.None);

        Assert.Equal(new float[] { 14, 25, 20, 31 }, c);
    }

    private static float[] RandomValues(Random random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
