using System.Numerics.Tensors;
using Lodestar.Core;

namespace Lodestar.Knowledge.Vectors;

/// <summary>Vector primitives on spans; SIMD through <see cref="TensorPrimitives"/>, with scalar twins kept as the test oracle.</summary>
public static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);

    /// <summary>Scales <paramref name="v"/> to unit length; a zero vector cannot point anywhere and is rejected.</summary>
    public static void Normalize(Span<float> v)
    {
        var norm = TensorPrimitives.Norm(v);
        if (!(norm > 0f) || float.IsInfinity(norm))
        {
            throw LodestarException.Invalid("A vector must have a finite, non-zero length.");
        }

        TensorPrimitives.Divide(v, norm, v);
    }

    /// <summary>True when every component is finite (no NaN or infinity).</summary>
    public static bool IsFinite(ReadOnlySpan<float> v)
    {
        // IndexOfMaxMagnitude reports the first NaN if there is one, else the largest |x| (an infinity if present).
        var i = TensorPrimitives.IndexOfMaxMagnitude(v);
        return i < 0 || float.IsFinite(v[i]);
    }

    internal static float DotScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Spans must have the same length.", nameof(b));
        }

        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    internal static void NormalizeScalar(Span<float> v)
    {
        var sum = 0.0;
        foreach (var x in v)
        {
            sum += (double)x * x;
        }

        var norm = (float)Math.Sqrt(sum);
        for (var i = 0; i < v.Length; i++)
        {
            v[i] /= norm;
        }
    }
}
