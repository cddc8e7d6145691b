using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lodestar.Models.Encoders;

/// <summary>
/// C = A·B + bias (optionally + C, optionally ReLU) with B pre-packed into column panels of
/// <see cref="PanelWidth"/> floats so the inner loop streams contiguous memory. A 4x16 register
/// tile (8 Vector256 accumulators) does the work; a scalar kernel over the same layout is the
/// fallback and the test oracle.
/// </summary>
internal static class Gemm
{
    /// <summary>Columns per packed panel: two vectors of the widest accelerated size.</summary>
    public static readonly int PanelWidth = Vector512.IsHardwareAccelerated ? 32 : 16;

    private const int TileRows = 4;
    private const int BlockRows = 64;
    private const int BlockPanels = 4;

    // Below this many multiply-adds a parallel split costs more than it saves.
    private const long ParallelThreshold = 1L << 20;

    /// <summary>True when the vector kernel runs on this machine.</summary>
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
        var rowBlocks = (m + BlockRows - 1) / BlockRows;
        var panelBlocks = (PanelCount(n) + BlockPanels - 1) / BlockPanels;
        var items = rowBlocks * panelBlocks;
        if (!allowParallel || (long)m * n * k < ParallelThreshold || items == 1)
        {
            for (var item = 0; item < items; item++)
            {
                RunBlock(item, panelBlocks, a, m, k, packedB, bias, n, c, epilogue);
            }

            return;
        }

        Parallel.For(0, items, item => RunBlock(item, panelBlocks, a, m, k, packedB, bias, n, c, epilogue));
    }

    /// <summary>The same product computed one scalar at a time; the oracle for the vector kernel.</summary>
    internal static void MultiplyScalar(float[] a, int m, int k, float[] packedB, float[]? bias, int n, float[] c, GemmEpilogue epilogue) =>
        ScalarBlock(a, 0, m, k, packedB, bias, n, c, epilogue, 0, PanelCount(n));

    private static void RunBlock(int item, int panelBlocks, float[] a, int m, int k, float[] packedB, float[]? bias, int n, float[] c, GemmEpilogue epilogue)
    {
        var rowStart = (item / panelBlocks) * BlockRows;
        var rowEnd = Math.Min(m, rowStart + BlockRows);
        var panelStart = (item % panelBlocks) * BlockPanels;
        var panelEnd = Math.Min(PanelCount(n), panelStart + BlockPanels);
        if (!IsVectorized)
        {
            ScalarBlock(a, rowStart, rowEnd, k, packedB, bias, n, c, epilogue, panelStart, panelEnd);
            return;
        }

        for (var panel = panelStart; panel < panelEnd; panel++)
        {
            var columns = Math.Min(PanelWidth, n - (panel * PanelWidth));
            for (var row = rowStart; row < rowEnd; row += TileRows)
            {
                if (PanelWidth == 32)
                {
                    Tile512(a, row, Math.Min(TileRows, rowEnd - row), k, packedB, panel, bias, n, c, columns, epilogue);
                }
                else
                {
                    Tile(a, row, Math.Min(TileRows, rowEnd - row), k, packedB, panel, bias, n, c, columns, epilogue);
                }
            }
        }
    }

    private static void ScalarBlock(float[] a, int rowStart, int rowEnd, int k, float[] packedB, float[]? bias, int n, float[] c, GemmEpilogue epilogue, int panelStart, int panelEnd)
    {
        for (var i = rowStart; i < rowEnd; i++)
        {
            for (var j = panelStart * PanelWidth; j < Math.Min(n, panelEnd * PanelWidth); j++)
            {
                var panel = (j / PanelWidth) * k * PanelWidth;
                var sum = bias?[j] ?? 0f;
                for (var p = 0; p < k; p++)
                {
                    sum += a[(i * k) + p] * packedB[panel + (p * PanelWidth) + (j % PanelWidth)];
                }

                c[(i * n) + j] = Finish(sum, c[(i * n) + j], epilogue);
            }
        }
    }

    private static unsafe void Tile(float[] a, int row, int rows, int k, float[] packedB, int panel, float[]? bias, int n, float[] c, int columns, GemmEpilogue epilogue)
    {
        fixed (float* aBase = a, bBase = packedB, biasBase = bias, cBase = c)
        {
            // Missing rows of a partial tile re-read the last real row; their results are dropped.
            var a0 = aBase + ((long)row * k);
            var a1 = aBase + ((long)(row + Math.Min(1, rows - 1)) * k);
            var a2 = aBase + ((long)(row + Math.Min(2, rows - 1)) * k);
            var a3 = aBase + ((long)(row + Math.Min(3, rows - 1)) * k);
            var b = bBase + ((long)panel * k * PanelWidth);
            var padded = stackalloc float[16];
            LoadBias(biasBase, panel, 16, columns, padded);
            var biasLo = Vector256.Load(padded);
            var biasHi = Vector256.Load(padded + 8);

            Vector256<float> c00 = biasLo, c01 = biasHi, c10 = biasLo, c11 = biasHi;
            Vector256<float> c20 = biasLo, c21 = biasHi, c30 = biasLo, c31 = biasHi;
            for (var p = 0; p < k; p++)
            {
                var b0 = Vector256.Load(b);
                var b1 = Vector256.Load(b + 8);
                b += PanelWidth;
                var x = Vector256.Create(a0[p]);
                c00 = MultiplyAdd(x, b0, c00);
                c01 = MultiplyAdd(x, b1, c01);
                x = Vector256.Create(a1[p]);
                c10 = MultiplyAdd(x, b0, c10);
                c11 = MultiplyAdd(x, b1, c11);
                x = Vector256.Create(a2[p]);
                c20 = MultiplyAdd(x, b0, c20);
                c21 = MultiplyAdd(x, b1, c21);
                x = Vector256.Create(a3[p]);
                c30 = MultiplyAdd(x, b0, c30);
                c31 = MultiplyAdd(x, b1, c31);
            }

            var output = cBase + ((long)row * n) + (panel * PanelWidth);
            StoreRow(c00, c01, output, columns, epilogue);
            if (rows > 1)
            {
                StoreRow(c10, c11, output + n, columns, epilogue);
            }

            if (rows > 2)
            {
                StoreRow(c20, c21, output + (2 * n), columns, epilogue);
            }

            if (rows > 3)
            {
                StoreRow(c30, c31, output + (3 * n), columns, epilogue);
            }
        }
    }

    private static unsafe void Tile512(float[] a, int row, int rows, int k, float[] packedB, int panel, float[]? bias, int n, float[] c, int columns, GemmEpilogue epilogue)
    {
        fixed (float* aBase = a, bBase = packedB, biasBase = bias, cBase = c)
        {
            var a0 = aBase + ((long)row * k);
            var a1 = aBase + ((long)(row + Math.Min(1, rows - 1)) * k);
            var a2 = aBase + ((long)(row + Math.Min(2, rows - 1)) * k);
            var a3 = aBase + ((long)(row + Math.Min(3, rows - 1)) * k);
            var b = bBase + ((long)panel * k * 32);
            var padded = stackalloc float[32];
            LoadBias(biasBase, panel, 32, columns, padded);
            var biasLo = Vector512.Load(padded);
            var biasHi = Vector512.Load(padded + 16);
            Vector512<float> c00 = biasLo, c01 = biasHi, c10 = biasLo, c11 = biasHi;
            Vector512<float> c20 = biasLo, c21 = biasHi, c30 = biasLo, c31 = biasHi;
            for (var p = 0; p < k; p++)
            {
                var b0 = Vector512.Load(b);
                var b1 = Vector512.Load(b + 16);
                b += 32;
                var x = Vector512.Create(a0[p]);
                c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
                c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
                x = Vector512.Create(a1[p]);
                c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
                c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
                x = Vector512.Create(a2[p]);
                c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
                c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
                x = Vector512.Create(a3[p]);
                c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
                c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            }

            var output = cBase + ((long)row * n) + (panel * 32);
            StoreRow512(c00, c01, output, columns, epilogue);
            if (rows > 1)
            {
                StoreRow512(c10, c11, output + n, columns, epilogue);
            }

            if (rows > 2)
            {
                StoreRow512(c20, c21, output + (2 * n), columns, epilogue);
            }

            if (rows > 3)
            {
                StoreRow512(c30, c31, output + (3 * n), columns, epilogue);
            }
        }
    }

    private static unsafe void StoreRow512(Vector512<float> lo, Vector512<float> hi, float* destination, int columns, GemmEpilogue epilogue)
    {
        if (columns == 32 && epilogue == GemmEpilogue.None)
        {
            lo.Store(destination);
            hi.Store(destination + 16);
            return;
        }

        var values = stackalloc float[32];
        lo.Store(values);
        hi.Store(values + 16);
        for (var j = 0; j < columns; j++)
        {
            destination[j] = Finish(values[j], destination[j], epilogue);
        }
    }

    // Copies the panel's bias (zeros when absent or past the last column) into a full-width buffer.
    private static unsafe void LoadBias(float* bias, int panel, int width, int columns, float* padded)
    {
        var destination = new Span<float>(padded, width);
        destination.Clear();
        if (bias != null)
        {
            new ReadOnlySpan<float>(bias + (panel * width), columns).CopyTo(destination);
        }
    }

    private static Vector256<float> MultiplyAdd(Vector256<float> x, Vector256<float> y, Vector256<float> addend) =>
        Fma.IsSupported ? Fma.MultiplyAdd(x, y, addend) : (x * y) + addend;

    private static unsafe void StoreRow(Vector256<float> lo, Vector256<float> hi, float* destination, int columns, GemmEpilogue epilogue)
    {
        if (columns == PanelWidth)
        {
            if ((epilogue & GemmEpilogue.Accumulate) != 0)
            {
                lo += Vector256.Load(destination);
                hi += Vector256.Load(destination + 8);
            }

            if ((epilogue & GemmEpilogue.Relu) != 0)
            {
                lo = Vector256.Max(lo, Vector256<float>.Zero);
                hi = Vector256.Max(hi, Vector256<float>.Zero);
            }

            lo.Store(destination);
            hi.Store(destination + 8);
            return;
        }

        var values = stackalloc float[PanelWidth];
        lo.Store(values);
        hi.Store(values + 8);
        for (var j = 0; j < columns; j++)
        {
            destination[j] = Finish(values[j], destination[j], epilogue);
        }
    }

    private static float Finish(float value, float existing, GemmEpilogue epilogue)
    {
        if ((epilogue & GemmEpilogue.Accumulate) != 0)
        {
            value += existing;
        }

        return (epilogue & GemmEpilogue.Relu) != 0 ? MathF.Max(value, 0f) : value;
    }
}
