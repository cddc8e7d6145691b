using System.Runtime.CompilerServices;

namespace Lodestar.Models.Training;

/// <summary>
/// Solves A·x = b for a symmetric positive definite A given by its upper triangle (row-major), factorising A = UᵀU
/// in place. The Newton system is at most a few hundred wide, so this beats a general library's allocation and
/// dispatch; rows of U are contiguous, so the update is a run of axpys.
/// </summary>
internal static class Cholesky
{
    /// <summary>
    /// Overwrites the upper triangle of <paramref name="upper"/> (p×p, row-major) with U and writes x to
    /// <paramref name="solution"/>. Throws when A is not positive definite.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Solve(Span<double> upper, ReadOnlySpan<double> rhs, Span<double> solution)
    {
        var p = rhs.Length;
        if (upper.Length != p * p || solution.Length != p)
        {
            throw new ArgumentException("upper must be p×p and solution p long for a right-hand side of p values");
        }

        for (var i = 0; i < p; i++)
        {
            var pivot = upper[(i * p) + i];
            if (!(pivot > 0))
            {
                throw Core.LodestarException.Invalid("the linear model's normal equations are singular: use a positive L2 penalty");
            }

            var d = Math.Sqrt(pivot);
            var row = upper.Slice((i * p) + i, p - i);
            row[0] = d;
            for (var j = 1; j < row.Length; j++)
            {
                row[j] /= d;
            }

            // Right-looking update of the trailing upper triangle: A[k, k..] -= U[i, k]·U[i, k..].
            for (var k = i + 1; k < p; k++)
            {
                var factor = upper[(i * p) + k];
                if (factor == 0)
                {
                    continue;
                }

                var source = upper.Slice((i * p) + k, p - k);
                var target = upper.Slice((k * p) + k, p - k);
                for (var j = 0; j < target.Length; j++)
                {
                    target[j] -= factor * source[j];
                }
            }
        }

        // Uᵀ·z = b (forward), then U·x = z (backward); z lives in solution.
        for (var i = 0; i < p; i++)
        {
            var sum = rhs[i];
            for (var k = 0; k < i; k++)
            {
                sum -= upper[(k * p) + i] * solution[k];
            }

            solution[i] = sum / upper[(i * p) + i];
        }

        for (var i = p - 1; i >= 0; i--)
        {
            var sum = solution[i];
            for (var j = i + 1; j < p; j++)
            {
                sum -= upper[(i * p) + j] * solution[j];
            }

            solution[i] = sum / upper[(i * p) + i];
        }
    }
}
