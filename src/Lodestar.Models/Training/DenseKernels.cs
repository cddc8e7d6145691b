using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Lodestar.Models.Training;

/// <summary>
/// Row-major matrix kernels of the Newton pass (X·w, Xᵀ·c and the upper triangle of XᵀWX) on a chunk of rows.
/// Four rows go through each output row at once, so the output is loaded and stored a quarter as often as one row
/// at a time; that traffic, not the multiplications, bounds the one-row loop. The methods are compiled fully
/// optimised at first call: a 5 ms fit would otherwise run them as unoptimised tier-0 code for many fits.
/// </summary>
internal static class DenseKernels
{
    /// <summary>Doubles per Vector256.</summary>
    private const int Lanes = 4;

    /// <summary>result[r] = x_r · w for each of the result.Length rows of <paramref name="rows"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<double> rows, ReadOnlySpan<double> w, Span<double> result)
    {
        var p = w.Length;
        Check(rows, p, result.Length);
        for (var r = 0; r < result.Length; r++)
        {
            result[r] = Dot(rows.Slice(r * p, p), w);
        }
    }

    /// <summary>result += Σ_r coefficients[r] · x_r (Xᵀ·c accumulated).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyTransposedAdd(ReadOnlySpan<double> rows, ReadOnlySpan<double> coefficients, Span<double> result)
    {
        var p = result.Length;
        Check(rows, p, coefficients.Length);
        var r = 0;
        for (; r + 4 <= coefficients.Length; r += 4)
        {
            AddFour(rows.Slice(r * p, 4 * p), p, coefficients.Slice(r, 4), result, 0, p);
        }

        for (; r < coefficients.Length; r++)
        {
            AddScaled(rows.Slice(r * p, p), coefficients[r], result);
        }
    }

    /// <summary>
    /// Adds Σ_r weights[r] · x_r · x_rᵀ to <paramref name="upper"/>[a·p + b] for b ≥ a (p = row width); the lower
    /// triangle is left untouched.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddWeightedGramUpper(ReadOnlySpan<double> rows, ReadOnlySpan<double> weights, Span<double> upper)
    {
        var p = (int)Math.Sqrt(upper.Length);
        if (p * p != upper.Length)
        {
            throw new ArgumentException("upper must be a square matrix", nameof(upper));
        }

        Check(rows, p, weights.Length);
        var r = 0;
        for (; r + 4 <= weights.Length; r += 4)
        {
            var x = rows.Slice(r * p, 4 * p);
            for (var a = 0; a < p; a++)
            {
                Span<double> scaled = [weights[r] * x[a], weights[r + 1] * x[p + a], weights[r + 2] * x[(2 * p) + a], weights[r + 3] * x[(3 * p) + a]];
                // One-hot zeros add nothing.
                if (scaled[0] != 0 || scaled[1] != 0 || scaled[2] != 0 || scaled[3] != 0)
                {
                    AddFour(x, p, scaled, upper.Slice(a * p, p), a, p);
                }
            }
        }

        for (; r < weights.Length; r++)
        {
            var x = rows.Slice(r * p, p);
            for (var a = 0; a < p; a++)
            {
                if (x[a] != 0)
                {
                    AddScaled(x[a..], weights[r] * x[a], upper.Slice((a * p) + a, p - a));
                }
            }
        }
    }

    private static void Check(ReadOnlySpan<double> rows, int width, int count)
    {
        if (rows.Length != count * width)
        {
            throw new ArgumentException($"expected {count} rows of {width} values, got {rows.Length} values", nameof(rows));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> w)
    {
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ws = ref MemoryMarshal.GetReference(w);
        var j = 0;
        var sum = 0.0;
        if (Vector256.IsHardwareAccelerated && x.Length >= Lanes)
        {
            var acc = Vector256<double>.Zero;
            for (; j + Lanes <= x.Length; j += Lanes)
            {
                acc = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref xs, (nuint)j), Vector256.LoadUnsafe(ref ws, (nuint)j), acc);
            }

            sum = Vector256.Sum(acc);
        }

        for (; j < x.Length; j++)
        {
            sum += Unsafe.Add(ref xs, j) * Unsafe.Add(ref ws, j);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaled(ReadOnlySpan<double> x, double scale, Span<double> target)
    {
        for (var j = 0; j < target.Length; j++)
        {
            target[j] += scale * x[j];
        }
    }

    /// <summary>target[j] += Σ_k s[k]·x_k[j] for j in [from, to), x_k the k-th of the four rows of width p in x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddFour(ReadOnlySpan<double> x, int p, ReadOnlySpan<double> s, Span<double> target, int from, int to)
    {
        // x holds exactly 4·p values, target at least `to`; every index below stays inside them.
        ref var x0 = ref MemoryMarshal.GetReference(x);
        ref var x1 = ref Unsafe.Add(ref x0, p);
        ref var x2 = ref Unsafe.Add(ref x1, p);
        ref var x3 = ref Unsafe.Add(ref x2, p);
        ref var t = ref MemoryMarshal.GetReference(target);
        var j = from;
        if (Vector256.IsHardwareAccelerated && to - from >= Lanes)
        {
            var c0 = Vector256.Create(s[0]);
            var c1 = Vector256.Create(s[1]);
            var c2 = Vector256.Create(s[2]);
            var c3 = Vector256.Create(s[3]);
            for (; j + Lanes <= to; j += Lanes)
            {
                var offset = (nuint)j;
                var sum = Vector256.LoadUnsafe(ref t, offset);
                sum = Vector256.MultiplyAddEstimate(c0, Vector256.LoadUnsafe(ref x0, offset), sum);
                sum = Vector256.MultiplyAddEstimate(c1, Vector256.LoadUnsafe(ref x1, offset), sum);
                sum = Vector256.MultiplyAddEstimate(c2, Vector256.LoadUnsafe(ref x2, offset), sum);
                sum = Vector256.MultiplyAddEstimate(c3, Vector256.LoadUnsafe(ref x3, offset), sum);
                sum.StoreUnsafe(ref t, offset);
            }
        }

        for (; j < to; j++)
        {
            Unsafe.Add(ref t, j) += (s[0] * Unsafe.Add(ref x0, j)) + (s[1] * Unsafe.Add(ref x1, j)) + (s[2] * Unsafe.Add(ref x2, j)) + (s[3] * Unsafe.Add(ref x3, j));
        }
    }
}
