using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Lodestar.Bench.Vectors;

/// <summary>Reads TEXMEX .fvecs/.ivecs files (per row: int32 dimension, then the row), as written by bench/vectors/make_data.py.</summary>
internal static class Fvecs
{
    /// <summary>Streams rows into one array: a 1M×512 file is 2 GB, so it is never held twice.</summary>
    public static (float[] Data, int Rows, int Dimensions) ReadFloats(string path)
    {
        using var stream = File.OpenRead(path);
        var dimensions = ReadDimensions(stream);
        var rows = (int)(stream.Length / (sizeof(int) * (dimensions + 1L)));
        var data = new float[(long)rows * dimensions];
        var header = new byte[sizeof(int)];
        for (var r = 0; r < rows; r++)
        {
            stream.ReadExactly(header);
            stream.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan(r * dimensions, dimensions)));
        }

        return (data, rows, dimensions);
    }

    public static int[][] ReadInts(string path)
    {
        using var stream = File.OpenRead(path);
        var dimensions = ReadDimensions(stream);
        var result = new int[stream.Length / (sizeof(int) * (dimensions + 1L))][];
        var header = new byte[sizeof(int)];
        for (var r = 0; r < result.Length; r++)
        {
            stream.ReadExactly(header);
            result[r] = new int[dimensions];
            stream.ReadExactly(MemoryMarshal.AsBytes(result[r].AsSpan()));
        }

        return result;
    }

    private static int ReadDimensions(FileStream stream)
    {
        Span<byte> header = stackalloc byte[sizeof(int)];
        stream.ReadExactly(header);
        stream.Position = 0;
        return BinaryPrimitives.ReadInt32LittleEndian(header);
    }
}
