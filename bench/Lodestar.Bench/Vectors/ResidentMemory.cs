namespace Lodestar.Bench.Vectors;

/// <summary>
/// Process resident memory split as /proc/self/status reports it: anonymous (heap; swap-only to reclaim) versus
/// file-backed (mapped file pages; clean ones the kernel can drop and re-read). faiss_hnsw.py reads the same two fields.
/// <see cref="IndexFile"/> is the resident part of the mapped index generation files alone (from /proc/self/smaps),
/// since RssFile also grows as the runtime pages in more of its own libraries.
/// </summary>
internal readonly record struct ResidentMemory(long Anonymous, long File, long IndexFile)
{
    /// <summary>Reads the current split after a full compacting collection, so garbage does not count as index memory.</summary>
    public static ResidentMemory Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        long anonymous = 0, file = 0;
        foreach (var line in System.IO.File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anonymous = Kilobytes(line);
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
            {
                file = Kilobytes(line);
            }
        }

        return new ResidentMemory(anonymous, file, IndexFileResident());
    }

    /// <summary>Growth since <paramref name="baseline"/> per vector, in bytes.</summary>
    public object PerVectorSince(ResidentMemory baseline, int count) => new
    {
        rss_anon_bytes_per_vector = PerVector(Anonymous - baseline.Anonymous, count),
        rss_file_bytes_per_vector = PerVector(File - baseline.File, count),
        index_file_resident_bytes_per_vector = PerVector(IndexFile - baseline.IndexFile, count),
    };

    private static double PerVector(long bytes, int count) => Math.Round(bytes / (double)count, 1);

    /// <summary>Sum of the Rss lines of every mapping of a vectors-*.lvx file.</summary>
    private static long IndexFileResident()
    {
        long total = 0;
        var inIndex = false;
        foreach (var line in System.IO.File.ReadLines("/proc/self/smaps"))
        {
            // Mapping headers start "start-end perms ..."; attribute lines start with "Name:".
            var firstToken = line.AsSpan(0, Math.Max(line.IndexOf(' ', StringComparison.Ordinal), 0));
            if (!firstToken.EndsWith(":"))
            {
                inIndex = line.EndsWith(".lvx", StringComparison.Ordinal);
            }
            else if (inIndex && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                total += Kilobytes(line);
            }
        }

        return total;
    }

    private static long Kilobytes(string line) =>
        1024 * long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
