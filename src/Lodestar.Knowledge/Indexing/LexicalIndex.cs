using Lodestar.Core;
using Lodestar.Knowledge.Analysis;

namespace Lodestar.Knowledge.Indexing;

/// <summary>
/// BM25 full-text index of chunks. Writes are buffered and become visible (and durable) at <see cref="Commit"/>,
/// which writes one immutable segment plus a new manifest; searches read an immutable snapshot of the last commit,
/// so they may run concurrently with writers. One process owns an on-disk index at a time (write.lock).
/// </summary>
public sealed class LexicalIndex : IDisposable
{
    private const string LockFileName = "write.lock";

    private readonly IndexStore? _store;
    private readonly TextAnalyzer _analyzer;
    private readonly float _k1;
    private readonly float _b;
    private readonly int _titleWeight;
    private readonly Lock _writeLock = new();
    private readonly Dictionary<string, LexicalDocument> _pendingAdds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingDeletes = new(StringComparer.Ordinal);
    private volatile IndexSnapshot _snapshot;
    private bool _disposed;

    private LexicalIndex(LexicalIndexOptions? options, IndexStore? store)
    {
        options ??= new LexicalIndexOptions();
        if (!float.IsFinite(options.K1) || options.K1 < 0 || !float.IsFinite(options.B) || options.B is < 0 or > 1)
        {
            throw LodestarException.Invalid($"BM25 parameters out of range: k1={options.K1} (needs >= 0), b={options.B} (needs 0..1).");
        }

        if (!float.IsFinite(options.TitleWeight) || options.TitleWeight < 0 || options.TitleWeight != MathF.Floor(options.TitleWeight))
        {
            throw LodestarException.Invalid($"TitleWeight must be a whole number >= 0 (how often title terms count), got {options.TitleWeight}.");
        }

        _analyzer = options.Analyzer ?? TextAnalyzer.English;
        _k1 = options.K1;
        _b = options.B;
        _titleWeight = (int)options.TitleWeight;
        _store = store;
        _snapshot = store?.Load(AnalysisFingerprint.Of(_analyzer, _titleWeight)) ?? IndexSnapshot.Empty;
    }

    /// <summary>Live (committed, not deleted) chunks.</summary>
    public int Count => _snapshot.LiveCount;

    /// <summary>Number of commits made to this index; persisted with it.</summary>
    public long Generation => _snapshot.Generation;

    /// <summary>Opens the index in <paramref name="directory"/>, creating it when missing, and loads the last commit.</summary>
    public static LexicalIndex Open(string directory, LexicalIndexOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw LodestarException.Invalid("A lexical index needs a directory path.");
        }

        var store = IndexStore.Acquire(directory, LockFileName);
        try
        {
            return new LexicalIndex(options, store);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public static LexicalIndex CreateInMemory(LexicalIndexOptions? options = null) => new(options, null);

    /// <summary>Buffers chunks until <see cref="Commit"/>; a chunk id that already exists is replaced.</summary>
    public void Add(IEnumerable<LexicalDocument> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var batch = chunks.ToList();
        foreach (var chunk in batch)
        {
            if (chunk is null || string.IsNullOrEmpty(chunk.ChunkId) || string.IsNullOrEmpty(chunk.DocumentId))
            {
                throw LodestarException.Invalid("Every chunk needs a non-empty ChunkId and DocumentId; nothing from this batch was added.");
            }
        }

        lock (_writeLock)
        {
            ThrowIfDisposed();
            foreach (var chunk in batch)
            {
                _pendingAdds[chunk.ChunkId] = chunk;
            }
        }
    }

    /// <summary>Deletes every chunk of the document, committed or buffered; visible after <see cref="Commit"/>.</summary>
    public void DeleteDocument(string documentId)
    {
        if (string.IsNullOrEmpty(documentId))
        {
            throw LodestarException.Invalid("DeleteDocument needs a non-empty document id.");
        }

        lock (_writeLock)
        {
            ThrowIfDisposed();
            foreach (var chunk in _pendingAdds.Values.Where(c => c.DocumentId == documentId).ToList())
            {
                _pendingAdds.Remove(chunk.ChunkId);
            }

            _pendingDeletes.Add(documentId);
        }
    }

    /// <summary>Makes buffered changes durable and visible. On failure the previous commit and the buffer stay intact.</summary>
    public void Commit()
    {
        lock (_writeLock)
        {
            ThrowIfDisposed();
            var next = CommitBuilder.Build(_snapshot, _pendingAdds, _pendingDeletes, _analyzer, _titleWeight, out var newSegments);
            _store?.Persist(next, newSegments);
            _snapshot = next;
            _pendingAdds.Clear();
            _pendingDeletes.Clear();
        }
    }

    /// <summary>BM25 top-k over committed chunks, best first; <paramref name="acceptDocument"/> filters by DocumentId before ranking.</summary>
    public IReadOnlyList<LexicalHit> Search(string query, int k, Func<string, bool>? acceptDocument = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (k < 1)
        {
            throw LodestarException.Invalid($"k must be at least 1, got {k}.");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        var terms = new List<string>();
        _analyzer.Analyze(query, terms);
        return Bm25Searcher.Search(_snapshot, QueryTerms.Group(terms), _k1, _b, k, acceptDocument);
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _store?.Dispose();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
