using Lodestar.Models.Training;

namespace Lodestar.Models.Tests.Training;

public sealed class DenseKernelsTests
{
    // Odd widths and row counts exercise the four-row blocks, the one-row tail and the scalar tail of each vector loop.
    public static TheoryData<int, int> Shapes => new() { { 1, 1 }, { 3, 5 }, { 7, 13 }, { 31, 426 }, { 65, 131 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AddWeightedGramUpper_RandomRows_MatchesScalarReference(int width, int rows)
    {
        var (x, weights) = Random(width, rows, seed: width + rows);
        var upper = new double[width * width];
        upper[width * width - 1] = 2.5;

        DenseKernels.AddWeightedGramUpper(x, weights, upper);

        for (var a = 0; a < width; a++)
        {
            for (var b = 0; b < width; b++)
            {
                double expected = b == width - 1 && a == width - 1 ? 2.5 : 0;
                if (b >= a)
                {
                    for (var r = 0; r < rows; r++)
                    {
                        expected += weights[r] * x[(r * width) + a] * x[(r * width) + b];
                    }
                }

                Assert.Equal(expected, upper[(a * width) + b], 1e-9);
            }
        }
    }

    [Fact]
    public void AddWeightedGramUpper_OneHotZeros_SkipsNothingThatCounts()
    {
        // Rows 0..3 are zero in column 1 (one four-row block skips it); row 4 goes through the one-row tail.
        double[] x = [1, 0, 2, 1, 0, 4, 1, 0, 6, 1, 0, 8, 1, 1, 10];
        double[] weights = [1, 2, 3, 4, 5];
        var upper = new double[9];

        DenseKernels.AddWeightedGramUpper(x, weights, upper);

        Assert.Equal(1 + 2 + 3 + 4 + 5, upper[0]);
        Assert.Equal(5, upper[1]);
        Assert.Equal((1 * 2) + (2 * 4) + (3 * 6) + (4 * 8) + (5 * 10), upper[2]);
        Assert.Equal(5, upper[4]);
        Assert.Equal(5 * 10, upper[5]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyAndTransposed_RandomRows_MatchScalarReference(int width, int rows)
    {
        var (x, coefficients) = Random(width, rows, seed: 7 * width + rows);
        var w = Random(width, 1, seed: width).Values;
        var product = new double[rows];
        var transposed = Enumerable.Repeat(1.0, width).ToArray();

        DenseKernels.Multiply(x, w, product);
        DenseKernels.MultiplyTransposedAdd(x, coefficients, transposed);

        for (var r = 0; r < rows; r++)
        {
            Assert.Equal(Enumerable.Range(0, width).Sum(j => x[(r * width) + j] * w[j]), product[r], 1e-9);
        }

        for (var j = 0; j < width; j++)
        {
            Assert.Equal(1 + Enumerable.Range(0, rows).Sum(r => coefficients[r] * x[(r * width) + j]), transposed[j], 1e-9);
        }
    }

    [Fact]
    public void Multiply_WrongRowLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => DenseKernels.Multiply(new double[10], new double[3], new double[3]));
    }

    private static (double[] Values, double[] Weights) Random(int width, int rows, int seed)
    {
        var random = new Random(seed);
        var x = new double[width * rows];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (random.NextDouble() * 4) - 2;
        }

        var weights = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            weights[r] = random.NextDouble();
        }

        return (x, weights);
    }
}
