using System.Buffers.Binary;
using System.Text;
using Lodestar.Core;

namespace Lodestar.Knowledge.Indexing;

/// <summary>Bounds-checked reader for <see cref="ByteWriter"/> output; any overrun is reported as a corrupt file.</summary>
internal ref struct ByteReader(ReadOnlySpan<byte> data, string fileName)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private readonly string _fileName = fileName;

    public int Position { get; private set; }

    /// <summary>Format version found in the header by <see cref="Open"/>.</summary>
    public uint Version { get; private set; }

    public readonly bool AtEnd => Position == _data.Length;

    /// <summary>
    /// Verifies the trailing CRC-32 and the header (versions <paramref name="oldestVersion"/>..<paramref name="version"/>
    /// are readable; 0 means only <paramref name="version"/>), leaving the reader just after the header.
    /// </summary>
    public static ByteReader Open(ReadOnlySpan<byte> file, string fileName, uint magic, uint version, uint oldestVersion = 0)
    {
        if (file.Length < 12)
        {
            throw Corrupt(fileName, "file is truncated");
        }

        var body = file[..^4];
        if (Crc32.Compute(body) != BinaryPrimitives.ReadUInt32LittleEndian(file[^4..]))
        {
            throw Corrupt(fileName, "checksum mismatch");
        }

        var reader = new ByteReader(body, fileName);
        if (reader.ReadUInt32() != magic)
        {
            throw Corrupt(fileName, "not a Lodestar index file");
        }

        var actualVersion = reader.ReadUInt32();
        if (actualVersion > version || actualVersion < (oldestVersion == 0 ? version : oldestVersion))
        {
            throw Corrupt(fileName, $"unsupported format version {actualVersion} (expected {version})");
        }

        reader.Version = actualVersion;
        return reader;
    }

    public static LodestarException Corrupt(string fileName, string why) =>
        LodestarException.Invalid($"Lexical index file '{fileName}' is corrupt: {why}.");

    public ulong ReadVarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (Position >= _data.Length)
            {
                throw Corrupt(_fileName, "unexpected end of data");
            }

            var b = _data[Position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Corrupt(_fileName, "malformed varint");
    }

    public int ReadCount(int max)
    {
        var value = ReadVarUInt();
        if (value > (ulong)max)
        {
            throw Corrupt(_fileName, "count out of range");
        }

        return (int)value;
    }

    public uint ReadUInt32()
    {
        var value = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
        return value;
    }

    public string ReadString() => Encoding.UTF8.GetString(Take(ReadCount(_data.Length)));

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - Position)
        {
            throw Corrupt(_fileName, "unexpected end of data");
        }

        var span = _data.Slice(Position, count);
        Position += count;
        return span;
    }
}
