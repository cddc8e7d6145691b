using System.Runtime.InteropServices;
using System.Text;
using Lodestar.Core;

namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// Sequential reader of a file whose checksum was already verified; still bounds-checks every length so a file
/// written by a buggy or foreign writer fails with a clear error instead of a huge allocation.
/// </summary>
internal sealed class IndexFileReader(Stream stream, string path)
{
    private readonly long _contentLength = stream.Length - IndexFileFormat.ChecksumLength;

    public string Path => path;

    public long Position => stream.Position;

    public int ReadInt32()
    {
        var value = 0;
        Read(MemoryMarshal.AsBytes(new Span<int>(ref value)));
        return value;
    }

    public long ReadInt64()
    {
        var value = 0L;
        Read(MemoryMarshal.AsBytes(new Span<long>(ref value)));
        return value;
    }

    /// <summary>Reads a count and checks that many items of <paramref name="itemBytes"/> can still fit in the file.</summary>
    public int ReadCount(int itemBytes)
    {
        var count = ReadInt32();
        if (count < 0 || (long)count * itemBytes > _contentLength - stream.Position)
        {
            throw Corrupt($"a count of {count} does not fit in the file");
        }

        return count;
    }

    public void ReadSpan<T>(Span<T> destination)
        where T : unmanaged => Read(MemoryMarshal.AsBytes(destination));

    /// <summary>Moves past the padding <see cref="IndexFileWriter.PadTo"/> wrote.</summary>
    public void SkipPadding(int alignment) => Skip((alignment - (stream.Position % alignment)) % alignment);

    /// <summary>Moves past <paramref name="bytes"/> bytes read some other way (the memory-mapped float section).</summary>
    public void Skip(long bytes)
    {
        if (bytes < 0 || bytes > _contentLength - stream.Position)
        {
            throw Corrupt("it ends early");
        }

        stream.Position += bytes;
    }

    public string ReadString()
    {
        var length = ReadCount(1);
        var buffer = length <= 256 ? stackalloc byte[length] : new byte[length];
        Read(buffer);
        return Encoding.UTF8.GetString(buffer);
    }

    public LodestarException Corrupt(string reason) => LodestarException.Invalid($"Vector index file '{path}' is corrupt: {reason}.");

    private void Read(Span<byte> destination)
    {
        if (destination.Length > _contentLength - stream.Position)
        {
            throw Corrupt("it ends early");
        }

        stream.ReadExactly(destination);
    }
}
