using Lodestar.Core;
using Lodestar.Models.Training;
using MathNet.Numerics.LinearAlgebra;

namespace Lodestar.Models.Tests.Training;

public sealed class CholeskyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(33)]
    public void Solve_RandomPositiveDefinite_MatchesLibrarySolve(int p)
    {
        var random = new Random(p);
        var b = Matrix<double>.Build.Dense(p + 3, p, (_, _) => random.NextDouble() - 0.5);
        var a = b.TransposeThisAndMultiply(b) + Matrix<double>.Build.DenseIdentity(p);
        var rhs = Enumerable.Range(0, p).Select(_ => random.NextDouble()).ToArray();
        // Only the upper triangle is read: garbage below the diagonal must not matter.
        var upper = new double[p * p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                upper[(i * p) + j] = j >= i ? a[i, j] : double.NaN;
            }
        }

        var solution = new double[p];

        Cholesky.Solve(upper, rhs, solution);

        var expected = a.Solve(Vector<double>.Build.DenseOfArray(rhs));
        for (var i = 0; i < p; i++)
        {
            Assert.Equal(expected[i], solution[i], 1e-10);
        }
    }

    [Fact]
    public void Solve_Singular_ThrowsInvalid()
    {
        double[] upper = [1, 1, 0, 1];

        var error = Assert.Throws<LodestarException>(() => Cholesky.Solve(upper, [1, 2], new double[2]));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }
}
