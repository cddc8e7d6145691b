using System.Buffers.Binary;

namespace Lodestar.Benchmarks.Vectors;

/// <summary>Reads TEXMEX .fvecs/.ivecs files (per row: int32 dimension, then the row), as written by bench/vectors/make_data.py.</summary>
internal static class Fvecs
{
    public static (float[] Data, int Rows, int Dimensions) ReadFloats(string path)
    {
        var (raw, rows, dimensions) = ReadRows(path);
        var data = new float[rows * dimensions];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < dimensions; j++)
            {
                data[(r * dimensions) + j] = BitConverter.Int32BitsToSingle(raw[(r * (dimensions + 1)) + 1 + j]);
            }
        }

        return (data, rows, dimensions);
    }

    public static int[][] ReadInts(string path)
    {
        var (raw, rows, dimensions) = ReadRows(path);
        var result = new int[rows][];
        for (var r = 0; r < rows; r++)
        {
            result[r] = raw.AsSpan((r * (dimensions + 1)) + 1, dimensions).ToArray();
        }

        return result;
    }

    private static (int[] Raw, int Rows, int Dimensions) ReadRows(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var raw = new int[bytes.Length / sizeof(int)];
        Buffer.BlockCopy(bytes, 0, raw, 0, raw.Length * sizeof(int));
        return (raw, raw.Length / (dimensions + 1), dimensions);
    }
}
