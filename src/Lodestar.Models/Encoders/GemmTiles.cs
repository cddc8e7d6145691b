using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lodestar.Models.Encoders;

/// <summary>
/// The register-tile kernel of <see cref="Gemm"/>: up to 8 rows × 2 vectors of C = A·B + bias, i.e.
/// 8×32 with AVX-512 (16 zmm accumulators) or 4×16 with AVX2 (8 ymm accumulators). A comes packed in
/// strips (k steps of <see cref="Gemm.TileRows"/> values) and B in panels (k steps of
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
    public static void Run(ref float a, ref float b, int k, ref float c, int n, int rows, ReadOnlySpan<float> bias, int columns, GemmEpilogue epilogue)
    {
        if (Gemm.PanelWidth == 32)
        {
            Run<Lanes512, Vector512<float>>(ref a, ref b, k, ref c, n, rows, bias, columns, epilogue);
        }
        else
        {
            Run<Lanes256, Vector256<float>>(ref a, ref b, k, ref c, n, rows, bias, columns, epilogue);
        }
    }

    [SkipLocalsInit]
    private static void Run<TLanes, TVector>(ref float a, ref float b, int k, ref float c, int n, int rows, ReadOnlySpan<float> bias, int columns, GemmEpilogue epilogue)
        where TLanes : struct, IVectorLanes<TVector>
        where TVector : struct
    {
        Span<float> buffer = stackalloc float[8 * 32];
        ref var tile = ref MemoryMarshal.GetReference(buffer);
        var stride = Gemm.TileRows;
        switch (rows)
        {
            case 1: Tile<TLanes, TVector, Rows1>(ref a, ref b, k, stride, ref tile); break;
            case 2: Tile<TLanes, TVector, Rows2>(ref a, ref b, k, stride, ref tile); break;
            case <= 4: Tile<TLanes, TVector, Rows4>(ref a, ref b, k, stride, ref tile); break;
            default: Tile<TLanes, TVector, Rows8>(ref a, ref b, k, stride, ref tile); break;
        }

        var width = 2 * TLanes.Count;
        for (var row = 0; row < rows; row++)
        {
            Store<TLanes, TVector>(buffer.Slice(row * width, width), ref Unsafe.Add(ref c, row * n), bias, columns, epilogue);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TLanes, TVector, TRows>(ref float a, ref float b, int k, int stride, ref float tile)
        where TLanes : struct, IVectorLanes<TVector>
        where TVector : struct
        where TRows : struct, ITileRows
    {
        var lanes = TLanes.Count;
        TVector c00 = default, c01 = default, c10 = default, c11 = default;
        TVector c20 = default, c21 = default, c30 = default, c31 = default;
        TVector c40 = default, c41 = default, c50 = default, c51 = default;
        TVector c60 = default, c61 = default, c70 = default, c71 = default;
        for (var p = 0; p < k; p++)
        {
            var b0 = TLanes.Load(ref b, 0);
            var b1 = TLanes.Load(ref b, lanes);
            Prefetch(ref b, PrefetchDistance);
            if (lanes == 16)
            {
                Prefetch(ref b, PrefetchDistance + 64);
            }

            var x0 = TLanes.Broadcast(a);
            c00 = TLanes.MultiplyAdd(x0, b0, c00);
            c01 = TLanes.MultiplyAdd(x0, b1, c01);

            if (TRows.Count > 1)
            {
                var x1 = TLanes.Broadcast(Unsafe.Add(ref a, 1));
                c10 = TLanes.MultiplyAdd(x1, b0, c10);
                c11 = TLanes.MultiplyAdd(x1, b1, c11);
            }

            if (TRows.Count > 2)
            {
                var x2 = TLanes.Broadcast(Unsafe.Add(ref a, 2));
                c20 = TLanes.MultiplyAdd(x2, b0, c20);
                c21 = TLanes.MultiplyAdd(x2, b1, c21);
                var x3 = TLanes.Broadcast(Unsafe.Add(ref a, 3));
                c30 = TLanes.MultiplyAdd(x3, b0, c30);
                c31 = TLanes.MultiplyAdd(x3, b1, c31);
            }

            if (TRows.Count > 4)
            {
                var x4 = TLanes.Broadcast(Unsafe.Add(ref a, 4));
                c40 = TLanes.MultiplyAdd(x4, b0, c40);
                c41 = TLanes.MultiplyAdd(x4, b1, c41);
                var x5 = TLanes.Broadcast(Unsafe.Add(ref a, 5));
                c50 = TLanes.MultiplyAdd(x5, b0, c50);
                c51 = TLanes.MultiplyAdd(x5, b1, c51);
                var x6 = TLanes.Broadcast(Unsafe.Add(ref a, 6));
                c60 = TLanes.MultiplyAdd(x6, b0, c60);
                c61 = TLanes.MultiplyAdd(x6, b1, c61);
                var x7 = TLanes.Broadcast(Unsafe.Add(ref a, 7));
                c70 = TLanes.MultiplyAdd(x7, b0, c70);
                c71 = TLanes.MultiplyAdd(x7, b1, c71);
            }

            a = ref Unsafe.Add(ref a, stride);
            b = ref Unsafe.Add(ref b, 2 * lanes);
        }

        // Written to the caller's tile buffer: no call happens while the accumulators are live, so
        // the register allocator keeps them all in registers through the loop.
        TLanes.Store(c00, ref tile, 0);
        TLanes.Store(c01, ref tile, lanes);
        TLanes.Store(c10, ref tile, 2 * lanes);
        TLanes.Store(c11, ref tile, 3 * lanes);
        TLanes.Store(c20, ref tile, 4 * lanes);
        TLanes.Store(c21, ref tile, 5 * lanes);
        TLanes.Store(c30, ref tile, 6 * lanes);
        TLanes.Store(c31, ref tile, 7 * lanes);
        TLanes.Store(c40, ref tile, 8 * lanes);
        TLanes.Store(c41, ref tile, 9 * lanes);
        TLanes.Store(c50, ref tile, 10 * lanes);
        TLanes.Store(c51, ref tile, 11 * lanes);
        TLanes.Store(c60, ref tile, 12 * lanes);
        TLanes.Store(c61, ref tile, 13 * lanes);
        TLanes.Store(c70, ref tile, 14 * lanes);
        TLanes.Store(c71, ref tile, 15 * lanes);
    }

    private static void Store<TLanes, TVector>(ReadOnlySpan<float> values, ref float destination, ReadOnlySpan<float> bias, int columns, GemmEpilogue epilogue)
        where TLanes : struct, IVectorLanes<TVector>
        where TVector : struct
    {
        if (columns < values.Length)
        {
            for (var j = 0; j < columns; j++)
            {
                ref var target = ref Unsafe.Add(ref destination, j);
                target = Gemm.Finish(values[j] + (bias.IsEmpty ? 0f : bias[j]), target, epilogue);
            }

            return;
        }

        for (var offset = 0; offset < values.Length; offset += TLanes.Count)
        {
            var value = TLanes.Load(ref MemoryMarshal.GetReference(values), offset);
            if (!bias.IsEmpty)
            {
                value = TLanes.Add(value, TLanes.Load(ref MemoryMarshal.GetReference(bias), offset));
            }

            if ((epilogue & GemmEpilogue.Accumulate) != 0)
            {
                value = TLanes.Add(value, TLanes.Load(ref destination, offset));
            }

            if ((epilogue & GemmEpilogue.Relu) != 0)
            {
                value = TLanes.Relu(value);
            }

            TLanes.Store(value, ref destination, offset);
        }
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
