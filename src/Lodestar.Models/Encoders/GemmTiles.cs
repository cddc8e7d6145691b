using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lodestar.Models.Encoders;

/// <summary>
/// Register-tile kernels for <see cref="Gemm"/>: up to 8 rows × 32 columns (AVX-512, 16 zmm
/// accumulators) or 4 rows × 16 columns (AVX2, 8 ymm accumulators) of C = A·B + bias. A comes packed
/// in strips (k steps of <see cref="Gemm.TileRows"/> values) and B in panels (k steps of
/// <see cref="Gemm.PanelWidth"/> values), so each k step is two vector loads plus, per row, one
/// broadcast and two FMAs into accumulators that never leave registers.
/// </summary>
internal static class GemmTiles
{
    // Bytes ahead of the B read position to request: hardware prefetchers stop at 4 KiB page edges, and
    // batch-1 products read weights that are no longer in L2 (measured 15-25% faster on such calls).
    private const int PrefetchDistance = 2048;

    /// <summary>Computes rows×columns of C at <paramref name="c"/> (row length n) with the smallest kernel that covers <paramref name="rows"/>.</summary>
    /// <remarks><paramref name="bias"/> is the panel's slice (empty for none); <paramref name="columns"/> ≤ <see cref="Gemm.PanelWidth"/>.</remarks>
    [SkipLocalsInit]
    public static void Run(ref float a, ref float b, int k, ref float c, int n, int rows, ReadOnlySpan<float> bias, int columns, GemmEpilogue epilogue)
    {
        Span<float> buffer = stackalloc float[8 * 32];
        ref var tile = ref MemoryMarshal.GetReference(buffer);
        if (Gemm.PanelWidth == 32)
        {
            switch (rows)
            {
                case 1: Tile512<Rows1>(ref a, ref b, k, ref tile); break;
                case 2: Tile512<Rows2>(ref a, ref b, k, ref tile); break;
                case <= 4: Tile512<Rows4>(ref a, ref b, k, ref tile); break;
                default: Tile512<Rows8>(ref a, ref b, k, ref tile); break;
            }

            for (var row = 0; row < rows; row++)
            {
                Store(Vector512.LoadUnsafe(ref tile, (nuint)(row * 32)), Vector512.LoadUnsafe(ref tile, (nuint)((row * 32) + 16)), ref Unsafe.Add(ref c, row * n), bias, columns, epilogue);
            }

            return;
        }

        switch (rows)
        {
            case 1: Tile256<Rows1>(ref a, ref b, k, ref tile); break;
            case 2: Tile256<Rows2>(ref a, ref b, k, ref tile); break;
            default: Tile256<Rows4>(ref a, ref b, k, ref tile); break;
        }

        for (var row = 0; row < rows; row++)
        {
            Store(Vector256.LoadUnsafe(ref tile, (nuint)(row * 16)), Vector256.LoadUnsafe(ref tile, (nuint)((row * 16) + 8)), ref Unsafe.Add(ref c, row * n), bias, columns, epilogue);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile512<TRows>(ref float a, ref float b, int k, ref float tile)
        where TRows : struct, ITileRows
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (var p = 0; p < k; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b);
            var b1 = Vector512.LoadUnsafe(ref b, 16);
            Prefetch(ref b, PrefetchDistance);
            Prefetch(ref b, PrefetchDistance + 64);
            var x0 = Vector512.Create(a);
            c00 = MultiplyAdd(x0, b0, c00);
            c01 = MultiplyAdd(x0, b1, c01);

            if (TRows.Count > 1)
            {
                var x1 = Vector512.Create(Unsafe.Add(ref a, 1));
                c10 = MultiplyAdd(x1, b0, c10);
                c11 = MultiplyAdd(x1, b1, c11);
            }

            if (TRows.Count > 2)
            {
                var x2 = Vector512.Create(Unsafe.Add(ref a, 2));
                c20 = MultiplyAdd(x2, b0, c20);
                c21 = MultiplyAdd(x2, b1, c21);
                var x3 = Vector512.Create(Unsafe.Add(ref a, 3));
                c30 = MultiplyAdd(x3, b0, c30);
                c31 = MultiplyAdd(x3, b1, c31);
            }

            if (TRows.Count > 4)
            {
                var x4 = Vector512.Create(Unsafe.Add(ref a, 4));
                c40 = MultiplyAdd(x4, b0, c40);
                c41 = MultiplyAdd(x4, b1, c41);
                var x5 = Vector512.Create(Unsafe.Add(ref a, 5));
                c50 = MultiplyAdd(x5, b0, c50);
                c51 = MultiplyAdd(x5, b1, c51);
                var x6 = Vector512.Create(Unsafe.Add(ref a, 6));
                c60 = MultiplyAdd(x6, b0, c60);
                c61 = MultiplyAdd(x6, b1, c61);
                var x7 = Vector512.Create(Unsafe.Add(ref a, 7));
                c70 = MultiplyAdd(x7, b0, c70);
                c71 = MultiplyAdd(x7, b1, c71);
            }

            a = ref Unsafe.Add(ref a, 8);
            b = ref Unsafe.Add(ref b, 32);
        }

        // Spilled to the caller's tile buffer: no call happens while the accumulators are live, so none is spilled in the loop.
        c00.StoreUnsafe(ref tile);
        c01.StoreUnsafe(ref tile, 16);
        c10.StoreUnsafe(ref tile, 32);
        c11.StoreUnsafe(ref tile, 48);
        c20.StoreUnsafe(ref tile, 64);
        c21.StoreUnsafe(ref tile, 80);
        c30.StoreUnsafe(ref tile, 96);
        c31.StoreUnsafe(ref tile, 112);
        c40.StoreUnsafe(ref tile, 128);
        c41.StoreUnsafe(ref tile, 144);
        c50.StoreUnsafe(ref tile, 160);
        c51.StoreUnsafe(ref tile, 176);
        c60.StoreUnsafe(ref tile, 192);
        c61.StoreUnsafe(ref tile, 208);
        c70.StoreUnsafe(ref tile, 224);
        c71.StoreUnsafe(ref tile, 240);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile256<TRows>(ref float a, ref float b, int k, ref float tile)
        where TRows : struct, ITileRows
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (var p = 0; p < k; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref b);
            var b1 = Vector256.LoadUnsafe(ref b, 8);
            Prefetch(ref b, PrefetchDistance);
            var x0 = Vector256.Create(a);
            c00 = MultiplyAdd(x0, b0, c00);
            c01 = MultiplyAdd(x0, b1, c01);

            if (TRows.Count > 1)
            {
                var x1 = Vector256.Create(Unsafe.Add(ref a, 1));
                c10 = MultiplyAdd(x1, b0, c10);
                c11 = MultiplyAdd(x1, b1, c11);
            }

            if (TRows.Count > 2)
            {
                var x2 = Vector256.Create(Unsafe.Add(ref a, 2));
                c20 = MultiplyAdd(x2, b0, c20);
                c21 = MultiplyAdd(x2, b1, c21);
                var x3 = Vector256.Create(Unsafe.Add(ref a, 3));
                c30 = MultiplyAdd(x3, b0, c30);
                c31 = MultiplyAdd(x3, b1, c31);
            }

            a = ref Unsafe.Add(ref a, 4);
            b = ref Unsafe.Add(ref b, 16);
        }

        // Spilled to the caller's tile buffer: no call happens while the accumulators are live, so none is spilled in the loop.
        c00.StoreUnsafe(ref tile);
        c01.StoreUnsafe(ref tile, 8);
        c10.StoreUnsafe(ref tile, 16);
        c11.StoreUnsafe(ref tile, 24);
        c20.StoreUnsafe(ref tile, 32);
        c21.StoreUnsafe(ref tile, 40);
        c30.StoreUnsafe(ref tile, 48);
        c31.StoreUnsafe(ref tile, 56);
    }

    private static void Store(Vector512<float> lo, Vector512<float> hi, ref float destination, ReadOnlySpan<float> bias, int columns, GemmEpilogue epilogue)
    {
        if (columns < 32)
        {
            Span<float> values = stackalloc float[32];
            lo.CopyTo(values);
            hi.CopyTo(values[16..]);
            StorePartial(values, ref destination, bias, columns, epilogue);
            return;
        }

        if (!bias.IsEmpty)
        {
            lo += Vector512.Create(bias);
            hi += Vector512.Create(bias[16..]);
        }

        if ((epilogue & GemmEpilogue.Accumulate) != 0)
        {
            lo += Vector512.LoadUnsafe(ref destination);
            hi += Vector512.LoadUnsafe(ref destination, 16);
        }

        if ((epilogue & GemmEpilogue.Relu) != 0)
        {
            lo = Vector512.Max(lo, Vector512<float>.Zero);
            hi = Vector512.Max(hi, Vector512<float>.Zero);
        }

        lo.StoreUnsafe(ref destination);
        hi.StoreUnsafe(ref destination, 16);
    }

    private static void Store(Vector256<float> lo, Vector256<float> hi, ref float destination, ReadOnlySpan<float> bias, int columns, GemmEpilogue epilogue)
    {
        if (columns < 16)
        {
            Span<float> values = stackalloc float[16];
            lo.CopyTo(values);
            hi.CopyTo(values[8..]);
            StorePartial(values, ref destination, bias, columns, epilogue);
            return;
        }

        if (!bias.IsEmpty)
        {
            lo += Vector256.Create(bias);
            hi += Vector256.Create(bias[8..]);
        }

        if ((epilogue & GemmEpilogue.Accumulate) != 0)
        {
            lo += Vector256.LoadUnsafe(ref destination);
            hi += Vector256.LoadUnsafe(ref destination, 8);
        }

        if ((epilogue & GemmEpilogue.Relu) != 0)
        {
            lo = Vector256.Max(lo, Vector256<float>.Zero);
            hi = Vector256.Max(hi, Vector256<float>.Zero);
        }

        lo.StoreUnsafe(ref destination);
        hi.StoreUnsafe(ref destination, 8);
    }

    // Only a hint: a stale address after a GC move is harmless because a prefetch never faults or reads into a register.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(ref float position, int bytesAhead)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0((byte*)Unsafe.AsPointer(ref position) + bytesAhead);
        }
    }

    private static void StorePartial(ReadOnlySpan<float> values, ref float destination, ReadOnlySpan<float> bias, int columns, GemmEpilogue epilogue)
    {
        for (var j = 0; j < columns; j++)
        {
            ref var target = ref Unsafe.Add(ref destination, j);
            target = Gemm.Finish(values[j] + (bias.IsEmpty ? 0f : bias[j]), target, epilogue);
        }
    }

    private static Vector512<float> MultiplyAdd(Vector512<float> x, Vector512<float> y, Vector512<float> addend) =>
        Vector512.FusedMultiplyAdd(x, y, addend);

    // Without FMA hardware the fused form would be emulated in software; a separate multiply and add is far cheaper.
    private static Vector256<float> MultiplyAdd(Vector256<float> x, Vector256<float> y, Vector256<float> addend) =>
        Fma.IsSupported ? Fma.MultiplyAdd(x, y, addend) : (x * y) + addend;

    private readonly struct Rows1 : ITileRows
    {
        public static int Count => 1;
    }

    private readonly struct Rows2 : ITileRows
    {
        public static int Count => 2;
    }

    private readonly struct Rows4 : ITileRows
    {
        public static int Count => 4;
    }

    private readonly struct Rows8 : ITileRows
    {
        public static int Count => 8;
    }
}
