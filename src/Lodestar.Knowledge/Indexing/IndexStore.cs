using Lodestar.Core;

namespace Lodestar.Knowledge.Indexing;

/// <summary>
/// The on-disk side of an index: holds the write lock, loads the last commit, and persists new commits so that
/// a crash at any point leaves the previous manifest and every segment it names intact.
/// </summary>
internal sealed class IndexStore : IDisposable
{
    private readonly string _directory;
    private readonly FileStream _lock;

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
        catch (IOException e)
        {
            throw new LodestarException(ErrorKind.Conflict, $"Lexical index '{full}' cannot be opened for writing (is another process using it?): {e.Message}", e);
        }
    }

    public IndexSnapshot Load()
    {
        var manifestPath = Path.Combine(_directory, Manifest.FileName);
        var snapshot = IndexSnapshot.Empty;
        if (File.Exists(manifestPath))
        {
            var (generation, nextSegment, entries) = Manifest.Parse(File.ReadAllBytes(manifestPath));
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

        // The manifest rename is the commit point.
        AtomicFile.Write(Path.Combine(_directory, Manifest.FileName), Manifest.Serialize(snapshot));
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
                File.Delete(path);
            }
        }
    }
}
