using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Lodestar.Models.Encoders;

/// <summary>
/// C = A·B + bias (optionally + C, optionally ReLU). B is packed once into column panels of
/// <see cref="PanelWidth"/> floats; A is packed per call into strips of <see cref="TileRows"/> rows
/// (a copy of m·k floats, small next to the m·k·n multiply-adds) so the <see cref="GemmTiles"/>
/// kernels stream both operands contiguously. A scalar kernel over the same B layout is the fallback
/// and the test oracle.
/// </summary>
internal static class Gemm
{
    /// <summary>Columns per packed panel: two vectors of the widest accelerated size.</summary>
    public static readonly int PanelWidth = Vector512.IsHardwareAccelerated ? 32 : 16;

    /// <summary>Rows per packed A strip, the tallest register tile of the kernel in use.</summary>
    public static readonly int TileRows = Vector512.IsHardwareAccelerated ? 8 : 4;

    // Row blocks are whole strips (64 is a multiple of both tile heights).
    private const int BlockRows = 64;
    private const int BlockPanels = 4;

    // Below this many multiply-adds a parallel split costs more than it saves.
    private const long ParallelThreshold = 1L << 20;

    /// <summary>True when the vector kernels run on this machine.</summary>
    public static bool IsVectorized => Vector256.IsHardwareAccelerated;

    public static int PanelCount(int columns) => (columns + PanelWidth - 1) / PanelWidth;

    /// <summary>Packs a row-major k×n matrix into panels [n/PanelWidth][k][PanelWidth], zero-padding the last panel.</summary>
    public static float[] Pack(ReadOnlySpan<float> matrix, int k, int n)
    {
        var packed = new float[PackedLength(k, n)];
        Pack(matrix, k, n, n, 1, packed);
        return packed;
    }

    public static int PackedLength(int k, int n) => PanelCount(n) * k * PanelWidth;

    /// <summary>Packs the k×n matrix whose element (p, j) is source[p * pStride + j * jStride] (a view, e.g. a transpose).</summary>
    public static void Pack(ReadOnlySpan<float> source, int k, int n, int pStride, int jStride, Span<float> destination)
    {
        destination[..PackedLength(k, n)].Clear();
        for (var j = 0; j < n; j++)
        {
            var panel = (j / PanelWidth) * k * PanelWidth;
            var lane = j % PanelWidth;
            for (var p = 0; p < k; p++)
            {
                destination[panel + (p * PanelWidth) + lane] = source[(p * pStride) + (j * jStride)];
            }
        }
    }

    /// <summary>Multiplies the first <paramref name="m"/> rows of <paramref name="a"/> (row length k) into <paramref name="c"/> (row length n).</summary>
    /// <remarks>A null <paramref name="bias"/> means zero; <paramref name="allowParallel"/> is off when the caller already spreads work over cores.</remarks>
    public static void Multiply(float[] a, int m, int k, float[] packedB, float[]? bias, int n, float[] c, GemmEpilogue epilogue, bool allowParallel = true)
    {
        // The kernels index without bounds checks, so the shapes are checked once here.
        if (a.Length < m * k || c.Length < m * n || packedB.Length < PackedLength(k, n) || bias?.Length < n)
        {
            throw new ArgumentException($"GEMM {m}x{k}x{n} got A {a.Length}, packed B {packedB.Length}, C {c.Length}, bias {bias?.Length}.");
        }

        if (!IsVectorized)
        {
            MultiplyScalar(a, m, k, packedB, bias, n, c, epilogue);
            return;
        }

        var strips = (m + TileRows - 1) / TileRows;
        var packedA = ArrayPool<float>.Shared.Rent(Math.Max(1, strips * TileRows * k));
        try
        {
            PackStrips(a, m, k, packedA);
            var rowBlocks = (m + BlockRows - 1) / BlockRows;
            var panelBlocks = (PanelCount(n) + BlockPanels - 1) / BlockPanels;
            var items = rowBlocks * panelBlocks;
            if (!allowParallel || (long)m * n * k < ParallelThreshold || items == 1)
            {
                for (var item = 0; item < items; item++)
                {
                    RunBlock(item, rowBlocks, packedA, m, k, packedB, bias, n, c, epilogue);
                }
            }
            else
            {
                Parallel.For(0, items, item => RunBlock(item, rowBlocks, packedA, m, k, packedB, bias, n, c, epilogue));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(packedA);
        }
    }

    /// <summary>The same product computed one scalar at a time; the oracle for the vector kernels.</summary>
    internal static void MultiplyScalar(float[] a, int m, int k, float[] packedB, float[]? bias, int n, float[] c, GemmEpilogue epilogue)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var panel = (j / PanelWidth) * k * PanelWidth;
                var sum = 0f;
                for (var p = 0; p < k; p++)
                {
                    sum += a[(i * k) + p] * packedB[panel + (p * PanelWidth) + (j % PanelWidth)];
                }

                c[(i * n) + j] = Finish(sum + (bias?[j] ?? 0f), c[(i * n) + j], epilogue);
            }
        }
    }

    internal static float Finish(float value, float existing, GemmEpilogue epilogue)
    {
        if ((epilogue & GemmEpilogue.Accumulate) != 0)
        {
            value += existing;
        }

        return (epilogue & GemmEpilogue.Relu) != 0 ? MathF.Max(value, 0f) : value;
    }

    // Strip s holds rows s·TileRows.. as [k][TileRows]; rows past m are zero so partial tiles read defined values.
    private static void PackStrips(float[] a, int m, int k, float[] packed)
    {
        var tileRows = TileRows;
        var strips = (m + tileRows - 1) / tileRows;
        for (var strip = 0; strip < strips; strip++)
        {
            var destination = packed.AsSpan(strip * k * tileRows, k * tileRows);
            if ((strip + 1) * tileRows > m)
            {
                destination.Clear();
            }

            for (var r = 0; r < tileRows && (strip * tileRows) + r < m; r++)
            {
                var row = a.AsSpan(((strip * tileRows) + r) * k, k);
                for (var p = 0; p < row.Length; p++)
                {
                    destination[(p * tileRows) + r] = row[p];
                }
            }
        }
    }

    // Items run panel-block-major: consecutive items reuse the same B panels (up to BlockPanels·k·PanelWidth
    // floats) from L2 across every row block, so each weight is read from memory once per call.
    private static void RunBlock(int item, int rowBlocks, float[] packedA, int m, int k, float[] packedB, float[]? bias, int n, float[] c, GemmEpilogue epilogue)
    {
        var rowStart = (item % rowBlocks) * BlockRows;
        var rowEnd = Math.Min(m, rowStart + BlockRows);
        var panelStart = (item / rowBlocks) * BlockPanels;
        var panelEnd = Math.Min(PanelCount(n), panelStart + BlockPanels);
        ref var aBase = ref MemoryMarshal.GetArrayDataReference(packedA);
        ref var bBase = ref MemoryMarshal.GetArrayDataReference(packedB);
        ref var cBase = ref MemoryMarshal.GetArrayDataReference(c);
        for (var panel = panelStart; panel < panelEnd; panel++)
        {
            var column = panel * PanelWidth;
            var columns = Math.Min(PanelWidth, n - column);
            var panelBias = bias is null ? default : new ReadOnlySpan<float>(bias, column, columns);
            ref var b = ref Unsafe.Add(ref bBase, (nint)column * k);
            for (var row = rowStart; row < rowEnd; row += TileRows)
            {
                GemmTiles.Run(
                    ref Unsafe.Add(ref aBase, (nint)row * k),
                    ref b,
                    k,
                    ref Unsafe.Add(ref cBase, ((nint)row * n) + column),
                    n,
                    Math.Min(TileRows, rowEnd - row),
                    panelBias,
                    columns,
                    epilogue);
            }
        }
    }
}
