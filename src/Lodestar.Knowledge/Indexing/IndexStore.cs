using Lodestar.Core;

using Lodestar.Knowledge.Durability;

namespace Lodestar.Knowledge.Indexing;

/// <summary>
/// The on-disk side of an index: holds the write lock, loads the last commit, and persists new commits so that
/// a crash at any point leaves the previous manifest and every segment it names intact.
/// </summary>
internal sealed class IndexStore : IDisposable
{
    private readonly string _directory;
    private readonly FileStream _lock;
    private string _fingerprint = string.Empty;

    private IndexStore(string directory, FileStream lockStream)
    {
        _directory = directory;
        _lock = lockStream;
    }

    public static IndexStore Acquire(string directory, string lockFileName)
    {
        var full = Path.GetFullPath(directory);
        try
        {
            Directory.CreateDirectory(full);
            var lockStream = new FileStream(Path.Combine(full, lockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new IndexStore(full, lockStream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LodestarException(ErrorKind.Conflict, $"Lexical index '{full}' cannot be opened for writing (is another process using it?): {e.Message}", e);
        }
    }

    /// <summary>Loads the last commit; refuses an index built with a different <paramref name="fingerprint"/>.</summary>
    public IndexSnapshot Load(string fingerprint)
    {
        _fingerprint = fingerprint;
        var manifestPath = Path.Combine(_directory, Manifest.FileName);
        var snapshot = IndexSnapshot.Empty;
        if (File.Exists(manifestPath))
        {
            var (stored, generation, nextSegment, entries) = Manifest.Parse(File.ReadAllBytes(manifestPath));
            if (stored is not null && stored != fingerprint)
            {
                throw LodestarException.Invalid(
                    $"Lexical index '{_directory}' was built with different analysis settings ({stored}) than requested ({fingerprint}); rebuild it or open it with the original options.");
            }

            var views = new List<SegmentView>(entries.Count);
            foreach (var entry in entries)
            {
                views.Add(LoadSegment(entry));
            }

            snapshot = new IndexSnapshot(views, generation, nextSegment);
        }

        DeleteUnreferenced(snapshot);
        return snapshot;
    }

    public void Persist(IndexSnapshot snapshot, List<(string Name, byte[] Bytes)> newSegments)
    {
        foreach (var (name, bytes) in newSegments)
        {
            AtomicFile.Write(Path.Combine(_directory, name), bytes);
        }

        // Segment renames must be durable before a manifest can name them.
        DirectorySync.Flush(_directory);

        // The manifest rename is the commit point; from here on nothing may fail the commit.
        AtomicFile.Write(Path.Combine(_directory, Manifest.FileName), Manifest.Serialize(snapshot, _fingerprint));
        try
        {
            DirectorySync.Flush(_directory);
        }
        catch (IOException)
        {
            // The rename is done; at worst a power loss now rolls back to the previous, intact commit.
        }

        DeleteUnreferenced(snapshot);
    }

    public void Dispose() => _lock.Dispose();

    private SegmentView LoadSegment(Manifest.Entry entry)
    {
        var path = Path.Combine(_directory, entry.SegmentName);
        if (!File.Exists(path))
        {
            throw ByteReader.Corrupt(Manifest.FileName, $"segment '{entry.SegmentName}' it names is missing");
        }

        var segment = Segment.Parse(entry.SegmentName, File.ReadAllBytes(path));
        if (entry.DeletedDocs.Length == 0)
        {
            return new SegmentView(segment, null, 0);
        }

        if (entry.DeletedDocs[^1] >= segment.DocCount)
        {
            throw ByteReader.Corrupt(Manifest.FileName, $"deletions of '{entry.SegmentName}' name documents it does not have");
        }

        return new SegmentView(segment, null, 0).WithDeleted([.. entry.DeletedDocs]);
    }

    /// <summary>Garbage removal never fails a commit that is already durable; leftovers go on the next open or commit.</summary>
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Retried by the next DeleteUnreferenced.
        }
    }

    /// <summary>Removes temp files and segments left by interrupted commits or superseded by merges.</summary>
    private void DeleteUnreferenced(IndexSnapshot snapshot)
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var view in snapshot.Segments)
        {
            live.Add(view.Segment.Name);
        }

        foreach (var path in Directory.EnumerateFiles(_directory))
        {
            var name = Path.GetFileName(path);
            var stale = name.EndsWith(AtomicFile.TempExtension, StringComparison.Ordinal)
                || (name.EndsWith(SegmentFormat.Extension, StringComparison.Ordinal) && !live.Contains(name));
            if (stale)
            {
                TryDelete(path);
            }
        }
    }
}
