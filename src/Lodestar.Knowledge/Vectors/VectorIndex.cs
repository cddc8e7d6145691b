using System.Buffers;
using Lodestar.Core;

namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// Chunk-level vector index: string ids over an int-id <see cref="VectorStore"/>, searched exactly or through an
/// <see cref="HnswGraph"/>, optionally pre-scored on int8 codes. Deletes are tombstones until enough pile up to
/// compact. Readers run concurrently; writers are exclusive. See <see cref="Commit"/> for durability.
/// </summary>
public sealed partial class VectorIndex : IDisposable
{
    private readonly VectorIndexOptions _options;
    private readonly VectorSearchOptions _defaultSearch;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, int> _byChunk = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byDocument = new(StringComparer.Ordinal);
    private VectorStore _store;
    private HnswGraph? _graph;
    private Int8Codes? _codes;
    private List<string> _chunkIds = [];
    private List<string> _documentIds = [];
    private bool[] _deleted = [];
    private int _deletedCount;
    private bool _dirty;
    private bool _disposed;

    private VectorIndex(VectorIndexOptions options)
    {
        options.Validate();
        _options = options;
        _defaultSearch = new VectorSearchOptions(options.EfSearch, options.RescoreCandidates);
        _store = new VectorStore(options.Dimensions);
        _graph = NewGraph(_store);
        _codes = options.Int8Quantization ? new Int8Codes(options.Dimensions) : null;
    }

    /// <summary>Live (not deleted) chunks.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _byChunk.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Number of the last commit; 0 before the first.</summary>
    public long Generation { get; private set; }

    public static VectorIndex CreateInMemory(VectorIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new VectorIndex(options);
    }

    /// <summary>Adds or replaces (same <paramref name="chunkId"/>) one vector; it is normalised to unit length.</summary>
    public void Add(string chunkId, string documentId, ReadOnlySpan<float> vector)
    {
        if (string.IsNullOrEmpty(chunkId) || string.IsNullOrEmpty(documentId))
        {
            throw LodestarException.Invalid("Chunk id and document id must be non-empty.");
        }

        _lock.EnterWriteLock();
        try
        {
            var id = _store.Add(vector);
            if (_byChunk.TryGetValue(chunkId, out var previous))
            {
                Tombstone(previous);
            }

            Register(id, chunkId, documentId);
            if (_deleted.Length <= id)
            {
                Array.Resize(ref _deleted, Math.Max(1024, _deleted.Length * 2));
            }

            _graph?.Add(id);
            _dirty = true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void DeleteDocument(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        _lock.EnterWriteLock();
        try
        {
            if (!_byDocument.Remove(documentId, out var ids))
            {
                return;
            }

            foreach (var id in ids)
            {
                if (!_deleted[id])
                {
                    _byChunk.Remove(_chunkIds[id]);
                    MarkDeleted(id);
                }
            }

            _dirty = true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Nearest chunks by cosine similarity, best first, restricted to documents <paramref name="acceptDocument"/> accepts.</summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<string, bool>? acceptDocument = null) =>
        Search(query, k, _defaultSearch, acceptDocument);

    /// <summary>As <see cref="Search(ReadOnlySpan{float}, int, Func{string, bool})"/> with this query's own <paramref name="tuning"/>.</summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, VectorSearchOptions tuning, Func<string, bool>? acceptDocument = null)
    {
        ArgumentNullException.ThrowIfNull(tuning);
        tuning.Validate();
        if (query.Length != _options.Dimensions)
        {
            throw LodestarException.Invalid($"Query has {query.Length} dimensions, the index expects {_options.Dimensions}.");
        }

        if (!VectorMath.IsFinite(query))
        {
            throw LodestarException.Invalid("Query contains NaN or infinite values.");
        }

        if (k <= 0)
        {
            return [];
        }

        var normalized = ArrayPool<float>.Shared.Rent(query.Length);
        var found = ArrayPool<ScoredId>.Shared.Rent(k);
        _lock.EnterReadLock();
        try
        {
            var unit = normalized.AsSpan(0, query.Length);
            query.CopyTo(unit);
            VectorMath.Normalize(unit);
            var count = acceptDocument is null
                ? SearchAll(unit, k, tuning, found)
                : SearchFiltered(unit, k, tuning, acceptDocument, found);
            var hits = new VectorHit[count];
            for (var i = 0; i < count; i++)
            {
                var id = found[i].Id;
                hits[i] = new VectorHit(_chunkIds[id], _documentIds[id], found[i].Score);
            }

            return hits;
        }
        finally
        {
            _lock.ExitReadLock();
            ArrayPool<float>.Shared.Return(normalized);
            ArrayPool<ScoredId>.Shared.Return(found);
        }
    }

    /// <summary>
    /// Cosine between a unit-length <paramref name="unitQuery"/> and the stored vector of <paramref name="chunkId"/>,
    /// or null when no live vector has that id. Stored vectors are unit length, so a dot product suffices.
    /// </summary>
    public float? Similarity(ReadOnlySpan<float> unitQuery, string chunkId)
    {
        if (unitQuery.Length != _options.Dimensions)
        {
            throw LodestarException.Invalid($"Query has {unitQuery.Length} dimensions, the index expects {_options.Dimensions}.");
        }

        _lock.EnterReadLock();
        try
        {
            return _byChunk.TryGetValue(chunkId, out var id) ? _store.Similarity(unitQuery, id) : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Unmapping under a running search would fault, so wait for readers; later calls fail on the disposed lock.
        _lock.EnterWriteLock();
        try
        {
            _store.Dispose();
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        _lockFile?.Dispose();
        _lock.Dispose();
    }

    private HnswGraph? NewGraph(VectorStore store) =>
        _options.Kind == VectorIndexKind.Hnsw ? new HnswGraph(store, _options.M, _options.EfConstruction) : null;

    private void Tombstone(int id)
    {
        var documentId = _documentIds[id];
        var ids = _byDocument[documentId];
        ids.Remove(id);
        if (ids.Count == 0)
        {
            _byDocument.Remove(documentId);
        }

        MarkDeleted(id);
    }

    private void MarkDeleted(int id)
    {
        _deleted[id] = true;
        _deletedCount++;
    }

    /// <summary>Rebuilds store, graph and id maps from live vectors once a quarter of the slots are tombstones.</summary>
    private void CompactIfWorthwhile()
    {
        if (_deletedCount == 0 || _deletedCount * 4L < _store.Count)
        {
            return;
        }

        var oldStore = _store;
        var oldChunks = _chunkIds;
        var oldDocuments = _documentIds;
        var oldDeleted = _deleted;
        _store = new VectorStore(_options.Dimensions, oldStore.Count - _deletedCount);
        _graph = NewGraph(_store);
        _codes = _options.Int8Quantization ? new Int8Codes(_options.Dimensions) : null;
        _chunkIds = new List<string>(_store.Count);
        _documentIds = new List<string>(_store.Count);
        _deleted = new bool[Math.Max(1024, oldStore.Count - _deletedCount)];
        _deletedCount = 0;
        _byChunk.Clear();
        _byDocument.Clear();
        for (var old = 0; old < oldStore.Count; old++)
        {
            if (!oldDeleted[old])
            {
                var id = _store.Add(oldStore.Get(old));
                Register(id, oldChunks[old], oldDocuments[old]);
                _graph?.Add(id);
            }
        }

        oldStore.Dispose();
    }

    private void Register(int id, string chunkId, string documentId)
    {
        if (!_byDocument.TryGetValue(documentId, out var ids))
        {
            _byDocument[documentId] = ids = [];
        }
        else
        {
            // One string per document, not per chunk: a reopened index reads a fresh copy for every chunk.
            documentId = _documentIds[ids[0]];
        }

        _chunkIds.Add(chunkId);
        _documentIds.Add(documentId);
        _byChunk[chunkId] = id;
        ids.Add(id);
    }
}
