using Lodestar.Core;

namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// Durability: each commit writes a complete snapshot as a new generation file (temp + fsync + rename, see
/// <see cref="IndexFileFormat"/>), then deletes older ones. A process killed at any point leaves either the previous or
/// the new generation whole. A lock file keeps a second process from writing the same directory. After an open or a
/// commit the store reads that generation's vectors through a memory map (no heap copy); vectors added later stay in
/// memory until the next commit maps them too.
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
            var vectorOffset = 0L;
            if (_directory is not null)
            {
                IndexFileFormat.WriteAtomically(_directory, next, writer => vectorOffset = WritePayload(writer));
            }

            Generation = next;
            _dirty = false;
            if (_directory is not null)
            {
                // Map the new file before deleting the old one, which the store may still be reading.
                _store.UseMapped(MappedVectors.Open(IndexFileFormat.PathFor(_directory, next), vectorOffset, _store.Count, _options.Dimensions, _options.Int8Quantization));
                IndexFileFormat.DeleteStale(_directory, next);
            }
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

    /// <summary>Writes a version-2 payload; returns the file offset of the float section.</summary>
    private long WritePayload(IndexFileWriter writer)
    {
        writer.WriteInt32(_options.Dimensions);
        writer.WriteInt64(Generation + 1);
        writer.WriteInt32(_store.Count);
        writer.PadTo(IndexFileFormat.VectorAlignment);
        var vectorOffset = writer.Position;
        writer.WriteSpan(_store.MappedData);
        writer.WriteSpan(_store.TailData);
        writer.WriteSpan<bool>(_deleted.AsSpan(0, _store.Count));
        for (var id = 0; id < _store.Count; id++)
        {
            writer.WriteString(_chunkIds[id]);
            writer.WriteString(_documentIds[id]);
        }

        writer.WriteInt32(_graph is null ? 0 : 1);
        _graph?.Write(writer);
        writer.WriteInt32(_codes is null ? 0 : 1);
        _codes?.Write(writer, _store);
        return vectorOffset;
    }

    private void Load(string path)
    {
        var reader = IndexFileFormat.OpenVerified(path, out var stream, out var version);
        using (stream)
        {
            var dimensions = reader.ReadInt32();
            if (dimensions != _options.Dimensions)
            {
                throw LodestarException.Invalid($"Vector index '{_directory}' stores {dimensions}-dimensional vectors, but {_options.Dimensions} were requested.");
            }

            Generation = reader.ReadInt64();
            var count = reader.ReadCount(dimensions * sizeof(float));
            if (version > IndexFileFormat.FirstVersion)
            {
                reader.SkipPadding(IndexFileFormat.VectorAlignment);
            }

            _store.UseMapped(MappedVectors.Open(path, reader.Position, count, dimensions, _options.Int8Quantization));
            reader.Skip((long)count * dimensions * sizeof(float));
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
            // Codes are the last section, so a float-mode open just stops here. Without stored codes (a version-1 file
            // or one committed without int8) an int8-mode index encodes them on first use.
            if (_options.Int8Quantization && version > IndexFileFormat.FirstVersion && reader.ReadInt32() == 1)
            {
                _codes = Int8Codes.Read(reader, _store);
            }
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
