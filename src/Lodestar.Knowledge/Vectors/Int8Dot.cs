using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// Σ q_j·c_j of a signed-byte query (−127..127) and unsigned-byte codes, accumulated exactly in int32, so every SIMD
/// path equals the scalar one. Best available: AVX-VNNI (vpdpbusd: four u8·s8 products summed per int32 lane),
/// AVX2 (widen to int16, vpmaddwd), portable Vector128 (widen, multiply — 255·127 fits int16 —, widen, add).
/// </summary>
internal static class Int8Dot
{
    public static int Dot(ReadOnlySpan<sbyte> query, ReadOnlySpan<byte> codes)
    {
        if (AvxVnni.IsSupported)
        {
            return DotVnni(query, codes);
        }

        if (Avx2.IsSupported)
        {
            return DotAvx2(query, codes);
        }

        return Vector128.IsHardwareAccelerated ? DotVector128(query, codes) : DotScalar(query, codes);
    }

    internal static int DotVnni(ReadOnlySpan<sbyte> query, ReadOnlySpan<byte> codes)
    {
        var length = Math.Min(query.Length, codes.Length);
        ref var qRef = ref MemoryMarshal.GetReference(query);
        ref var cRef = ref MemoryMarshal.GetReference(codes);
        var sum0 = Vector256<int>.Zero;
        var sum1 = Vector256<int>.Zero;
        var i = 0;
        for (; i + 64 <= length; i += 64)
        {
            sum0 = AvxVnni.MultiplyWideningAndAdd(sum0, Vector256.LoadUnsafe(ref cRef, (nuint)i), Vector256.LoadUnsafe(ref qRef, (nuint)i));
            sum1 = AvxVnni.MultiplyWideningAndAdd(sum1, Vector256.LoadUnsafe(ref cRef, (nuint)(i + 32)), Vector256.LoadUnsafe(ref qRef, (nuint)(i + 32)));
        }

        for (; i + 32 <= length; i += 32)
        {
            sum0 = AvxVnni.MultiplyWideningAndAdd(sum0, Vector256.LoadUnsafe(ref cRef, (nuint)i), Vector256.LoadUnsafe(ref qRef, (nuint)i));
        }

        return Vector256.Sum(sum0 + sum1) + DotScalar(query[i..length], codes[i..length]);
    }

    internal static int DotAvx2(ReadOnlySpan<sbyte> query, ReadOnlySpan<byte> codes)
    {
        var length = Math.Min(query.Length, codes.Length);
        ref var qRef = ref MemoryMarshal.GetReference(query);
        ref var cRef = ref MemoryMarshal.GetReference(codes);
        var sum = Vector256<int>.Zero;
        var i = 0;
        for (; i + 16 <= length; i += 16)
        {
            var q = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref qRef, (nuint)i));
            var c = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref cRef, (nuint)i));
            sum += Avx2.MultiplyAddAdjacent(q, c);
        }

        return Vector256.Sum(sum) + DotScalar(query[i..length], codes[i..length]);
    }

    internal static int DotVector128(ReadOnlySpan<sbyte> query, ReadOnlySpan<byte> codes)
    {
        var length = Math.Min(query.Length, codes.Length);
        ref var qRef = ref MemoryMarshal.GetReference(query);
        ref var cRef = ref MemoryMarshal.GetReference(codes);
        var sum = Vector128<int>.Zero;
        var i = 0;
        for (; i + 16 <= length; i += 16)
        {
            var (qLow, qHigh) = Vector128.Widen(Vector128.LoadUnsafe(ref qRef, (nuint)i));
            var (cLow, cHigh) = Vector128.Widen(Vector128.LoadUnsafe(ref cRef, (nuint)i));
            var (p0, p1) = Vector128.Widen(qLow * cLow.AsInt16());
            var (p2, p3) = Vector128.Widen(qHigh * cHigh.AsInt16());
            sum += (p0 + p1) + (p2 + p3);
        }

        return Vector128.Sum(sum) + DotScalar(query[i..length], codes[i..length]);
    }

    internal static int DotScalar(ReadOnlySpan<sbyte> query, ReadOnlySpan<byte> codes)
    {
        var sum = 0;
        for (var i = 0; i < query.Length; i++)
        {
            sum += query[i] * codes[i];
        }

        return sum;
    }
}
