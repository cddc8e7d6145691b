using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Lodestar.Knowledge.Vectors;

/// <summary>Sequential binary writer that hashes every byte it writes and ends the file with the SHA-256 of its content.</summary>
internal sealed class IndexFileWriter(Stream stream) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Bytes written so far, i.e. the file offset of the next byte.</summary>
    public long Position => stream.Position;

    public void WriteInt32(int value) => Write(MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in value)));

    public void WriteInt64(long value) => Write(MemoryMarshal.AsBytes(new ReadOnlySpan<long>(in value)));

    public void WriteSpan<T>(ReadOnlySpan<T> values)
        where T : unmanaged => Write(MemoryMarshal.AsBytes(values));

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt32(length);
        var buffer = length <= 256 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(value, buffer);
        Write(buffer);
    }

    /// <summary>Writes zero bytes until the file offset is a multiple of <paramref name="alignment"/>.</summary>
    public void PadTo(int alignment)
    {
        Span<byte> zeros = stackalloc byte[256];
        zeros.Clear();
        var padding = (int)((alignment - (stream.Position % alignment)) % alignment);
        while (padding > 0)
        {
            var chunk = Math.Min(padding, zeros.Length);
            Write(zeros[..chunk]);
            padding -= chunk;
        }
    }

    /// <summary>Appends the checksum trailer; the file is complete only after this.</summary>
    public void Finish()
    {
        Span<byte> digest = stackalloc byte[IndexFileFormat.ChecksumLength];
        _hash.GetHashAndReset(digest);
        stream.Write(digest);
    }

    public void Dispose() => _hash.Dispose();

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        stream.Write(bytes);
    }
}
