namespace Lodestar.Knowledge.Indexing;

/// <summary>Crash-safe file replacement: write a temp file, fsync it, then rename over the target.</summary>
internal static class AtomicFile
{
    public const string TempExtension = ".tmp";

    public static void Write(string path, ReadOnlySpan<byte> contents)
    {
        var temp = path + TempExtension;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            stream.Write(contents);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
