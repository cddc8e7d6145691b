using System.Globalization;
using System.Security.Cryptography;

using Lodestar.Knowledge.Durability;

namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// On-disk layout: one immutable file per committed generation, <c>vectors-{generation}.lvx</c>, holding a header
/// (magic, format version, dimensions, generation), the payload and a SHA-256 trailer. A generation becomes visible
/// only by an atomic rename of its fully written and fsynced temp file, so a crash leaves the previous one intact.
/// Version 2 starts the float section on a page boundary (it is memory-mapped, see <see cref="MappedVectors"/>) and
/// appends the int8 codes; version 1 files (float section right after the header, no codes) are still read.
/// </summary>
internal static class IndexFileFormat
{
    public const int ChecksumLength = 32;
    public const int Version = 2;
    public const int FirstVersion = 1;

    /// <summary>Alignment of the float section in version 2: a page, so a mapped vector touches as few pages as possible.</summary>
    public const int VectorAlignment = 4096;
    public const long Magic = 0x31584556_444F4C; // "LODVEX1" little-endian
    private const string Prefix = "vectors-";
    private const string Extension = ".lvx";
    private const string TempExtension = ".tmp";

    public static string PathFor(string directory, long generation) =>
        System.IO.Path.Combine(directory, Prefix + generation.ToString("D12", CultureInfo.InvariantCulture) + Extension);

    /// <summary>The newest committed generation in <paramref name="directory"/>, or null when there is none.</summary>
    public static long? LatestGeneration(string directory)
    {
        long? latest = null;
        foreach (var generation in Generations(directory))
        {
            latest = latest is null || generation > latest ? generation : latest;
        }

        return latest;
    }

    /// <summary>Removes temp files of interrupted commits and generations older than <paramref name="keep"/>.</summary>
    public static void DeleteStale(string directory, long keep)
    {
        foreach (var temp in Directory.EnumerateFiles(directory, Prefix + "*" + TempExtension))
        {
            File.Delete(temp);
        }

        foreach (var generation in Generations(directory))
        {
            if (generation < keep)
            {
                File.Delete(PathFor(directory, generation));
            }
        }
    }

    /// <summary>Writes a generation file via temp + fsync + rename + directory fsync.</summary>
    public static void WriteAtomically(string directory, long generation, Action<IndexFileWriter> writePayload)
    {
        var target = PathFor(directory, generation);
        var temp = target + TempExtension;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            using var writer = new IndexFileWriter(stream);
            writer.WriteInt64(Magic);
            writer.WriteInt32(Version);
            writePayload(writer);
            writer.Finish();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, target, overwrite: true);
        DirectorySync.Flush(directory);
    }

    /// <summary>Opens a generation file after checking its checksum, positioned after magic and version.</summary>
    public static IndexFileReader OpenVerified(string path, out FileStream stream, out int version)
    {
        stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        try
        {
            var reader = new IndexFileReader(stream, path);
            if (stream.Length < sizeof(long) + sizeof(int) + ChecksumLength)
            {
                throw reader.Corrupt("it is too short");
            }

            VerifyChecksum(stream, reader);
            if (reader.ReadInt64() != Magic)
            {
                throw reader.Corrupt("it is not a Lodestar vector index");
            }

            version = reader.ReadInt32();
            if (version is < FirstVersion or > Version)
            {
                throw reader.Corrupt($"format version {version} is not supported (expected {FirstVersion} to {Version})");
            }

            return reader;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static void VerifyChecksum(FileStream stream, IndexFileReader reader)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        var remaining = stream.Length - ChecksumLength;
        while (remaining > 0)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0)
            {
                throw reader.Corrupt("it ends early");
            }

            hash.AppendData(buffer, 0, read);
            remaining -= read;
        }

        Span<byte> expected = stackalloc byte[ChecksumLength];
        stream.ReadExactly(expected);
        Span<byte> actual = stackalloc byte[ChecksumLength];
        hash.GetHashAndReset(actual);
        if (!actual.SequenceEqual(expected))
        {
            throw reader.Corrupt("checksum mismatch");
        }

        stream.Position = 0;
    }

    private static IEnumerable<long> Generations(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, Prefix + "*" + Extension))
        {
            var name = System.IO.Path.GetFileName(file);
            var digits = name.AsSpan(Prefix.Length, name.Length - Prefix.Length - Extension.Length);
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
            {
                yield return generation;
            }
        }
    }
}
