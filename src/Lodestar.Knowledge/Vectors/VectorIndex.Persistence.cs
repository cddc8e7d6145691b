using Lodestar.Core;

namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// Durability: each commit writes a complete snapshot as a new generation file (temp + fsync + rename, see
/// <see cref="IndexFileFormat"/>), then deletes older ones. A process killed at any point leaves either the previous or
/// the new generation whole. A lock file keeps a second process from writing the same directory.
/// </summary>
public sealed partial class VectorIndex
{
    private const string LockFileName = "vectors.lock";
    private string? _directory;
    private FileStream? _lockFile;

    /// <summary>Opens (creating if missing) the index stored in <paramref name="directory"/> at its last committed generation.</summary>
    public static VectorIndex Open(string directory, VectorIndexOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(options);
        var index = new VectorIndex(options);
        try
        {
            Directory.CreateDirectory(directory);
            index._directory = directory;
            index._lockFile = AcquireLock(directory);
            var latest = IndexFileFormat.LatestGeneration(directory);
            if (latest is { } generation)
            {
                index.Load(IndexFileFormat.PathFor(directory, generation));
                IndexFileFormat.DeleteStale(directory, generation);
            }

            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Makes every change so far durable as a new generation; a no-op when nothing changed. Compacts first when many
    /// vectors are tombstones. In memory it only advances <see cref="Generation"/>.
    /// </summary>
    public void Commit()
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_dirty)
            {
                return;
            }

            CompactIfWorthwhile();
            var next = Generation + 1;
            if (_directory is not null)
            {
                IndexFileFormat.WriteAtomically(_directory, next, WritePayload);
                IndexFileFormat.DeleteStale(_directory, next);
            }

            Generation = next;
            _dirty = false;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private static FileStream AcquireLock(string directory)
    {
        try
        {
            return new FileStream(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new LodestarException(ErrorKind.Conflict, $"Vector index '{directory}' is already open in another process.", e);
        }
    }

    private void WritePayload(IndexFileWriter writer)
    {
        writer.WriteInt32(_options.Dimensions);
        writer.WriteInt64(Generation + 1);
        writer.WriteInt32(_store.Count);
        writer.WriteSpan(_store.RawData);
        writer.WriteSpan<bool>(_deleted.AsSpan(0, _store.Count));
        for (var id = 0; id < _store.Count; id++)
        {
            writer.WriteString(_chunkIds[id]);
            writer.WriteString(_documentIds[id]);
        }

        writer.WriteInt32(_graph is null ? 0 : 1);
        _graph?.Write(writer);
    }

    private void Load(string path)
    {
        var reader = IndexFileFormat.OpenVerified(path, out var stream);
        using (stream)
        {
            var dimensions = reader.ReadInt32();
            if (dimensions != _options.Dimensions)
            {
                throw LodestarException.Invalid($"Vector index '{_directory}' stores {dimensions}-dimensional vectors, but {_options.Dimensions} were requested.");
            }

            Generation = reader.ReadInt64();
            var count = reader.ReadCount(dimensions * sizeof(float));
            reader.ReadSpan(_store.LoadRaw(count));
            _deleted = new bool[Math.Max(1024, count)];
            reader.ReadSpan<bool>(_deleted.AsSpan(0, count));
            for (var id = 0; id < count; id++)
            {
                var chunkId = reader.ReadString();
                var documentId = reader.ReadString();
                if (_deleted[id])
                {
                    _chunkIds.Add(chunkId);
                    _documentIds.Add(documentId);
                    _deletedCount++;
                }
                else
                {
                    Register(id, chunkId, documentId);
                }
            }

            var storedGraph = reader.ReadInt32() == 1 ? HnswGraph.Read(reader, _store, _options.M, _options.EfConstruction) : null;
            _graph = _options.Kind == VectorIndexKind.Flat ? null : storedGraph ?? RebuildGraph();
        }
    }

    /// <summary>The stored graph is missing or was built with other M/efConstruction: rebuild it from the vectors.</summary>
    private HnswGraph RebuildGraph()
    {
        var graph = new HnswGraph(_store, _options.M, _options.EfConstruction);
        for (var id = 0; id < _store.Count; id++)
        {
            graph.Add(id);
        }

        _dirty = true;
        return graph;
    }
}
