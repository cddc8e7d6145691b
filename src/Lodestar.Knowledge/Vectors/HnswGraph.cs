using System.Collections.Concurrent;
using Lodestar.Core;

namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// Hierarchical navigable small world graph (Malkov &amp; Yashunin 2018) over the vectors of a <see cref="VectorStore"/>,
/// scored by inner product (cosine on the store's unit vectors). Levels are drawn with mL = 1/ln(M); level 0 keeps up to
/// 2·M links, upper levels M, chosen by the paper's neighbour-diversity heuristic. Links live in flat int arrays
/// (level 0 in one array for all nodes). Insertion order and seed fully determine the graph.
/// Not safe for <see cref="Add"/> concurrently with anything; searches may run concurrently with each other.
/// </summary>
public sealed partial class HnswGraph
{
    private const int MaxLevel = 32;

    private readonly VectorStore _store;
    private readonly double _levelMultiplier;
    private readonly int _seed;
    private readonly ConcurrentBag<HnswSearchContext> _contexts = [];
    private readonly HnswSearchContext _buildContext = new();
    private readonly List<ScoredId> _scratch = [];
    private readonly List<ScoredId> _selected = [];
    private readonly List<ScoredId> _pruned = [];
    private Random _random;
    private int[] _links0 = [];
    private int[]?[] _upperLinks = [];
    private byte[] _levels = [];
    private int _entryPoint = -1;
    private int _topLevel = -1;

    public HnswGraph(VectorStore store, int m = 16, int efConstruction = 200, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (m is < 2 or > 256 || efConstruction < 1)
        {
            throw LodestarException.Invalid("HNSW needs M in 2..256 and a positive efConstruction.");
        }

        _store = store;
        M = m;
        EfConstruction = efConstruction;
        _seed = seed;
        _levelMultiplier = 1.0 / Math.Log(m);
        _random = new Random(seed);
    }

    public int M { get; }

    public int M0 => 2 * M;

    public int EfConstruction { get; }

    /// <summary>Nodes inserted so far.</summary>
    public int Count { get; private set; }

    public VectorStore Store => _store;

    /// <summary>Bytes held by link and level arrays (capacity), excluding the vectors themselves.</summary>
    public long LinkBytes
    {
        get
        {
            long bytes = ((long)_links0.Length * sizeof(int)) + _levels.Length + ((long)_upperLinks.Length * IntPtr.Size);
            foreach (var upper in _upperLinks)
            {
                bytes += upper is null ? 0 : (upper.Length * sizeof(int)) + (3 * IntPtr.Size);
            }

            return bytes;
        }
    }

    public bool Contains(int id) => id < _levels.Length && _levels[id] != 0;

    /// <summary>Links vector <paramref name="id"/> of the store into the graph.</summary>
    public void Add(int id)
    {
        if ((uint)id >= (uint)_store.Count || Contains(id))
        {
            throw LodestarException.Invalid($"Vector id {id} is not in the store or is already in the graph.");
        }

        EnsureNodeCapacity(id + 1);
        var level = DrawLevel();
        _levels[id] = (byte)(level + 1);
        if (level > 0)
        {
            _upperLinks[id] = new int[level * (M + 1)];
        }

        Count++;
        if (_entryPoint < 0)
        {
            _entryPoint = id;
            _topLevel = level;
            return;
        }

        var similarity = new FloatSimilarity(_store, _store.Get(id));
        var entry = new ScoredId(_entryPoint, similarity.Score(_entryPoint));
        for (var layer = _topLevel; layer > level; layer--)
        {
            entry = GreedyClosest(similarity, entry, layer);
        }

        for (var layer = Math.Min(level, _topLevel); layer >= 0; layer--)
        {
            _buildContext.Reset(_levels.Length);
            SearchLayer(similarity, entry, EfConstruction, layer, null, _buildContext);
            _scratch.Clear();
            while (_buildContext.Results.Count > 0)
            {
                _scratch.Add(_buildContext.Results.Pop());
            }

            // Results pop worst first; the best becomes the next layer's entry and heads the heuristic's list.
            _scratch.Reverse();
            entry = _scratch[0];
            // Up to the layer's full degree (2·M on layer 0, as FAISS does; hnswlib keeps M): the slots exist anyway,
            // and at 1M vectors with a small efConstruction the extra out-links are what lifts recall at a given efSearch.
            SelectNeighbours(_scratch, layer == 0 ? M0 : M, _selected);
            var links = Links(id, layer);
            links[0] = _selected.Count;
            for (var i = 0; i < _selected.Count; i++)
            {
                links[i + 1] = _selected[i].Id;
            }

            for (var i = 0; i < _selected.Count; i++)
            {
                Connect(_selected[i].Id, id, _selected[i].Score, layer);
            }
        }

        if (level > _topLevel)
        {
            _entryPoint = id;
            _topLevel = level;
        }
    }

    /// <summary>
    /// Writes up to <paramref name="k"/> nearest accepted ids, best first, into <paramref name="results"/>; returns how many.
    /// <paramref name="query"/> should be unit length for scores to be cosines. Rejected nodes are still traversed, so the
    /// filter narrows results without cutting the graph.
    /// </summary>
    public int Search(ReadOnlySpan<float> query, int k, int ef, Span<ScoredId> results, Func<int, bool>? filter = null)
    {
        ValidateQuery(query);
        if (k < 1 || _entryPoint < 0)
        {
            return 0;
        }

        var context = RentContext();
        try
        {
            Walk(new FloatSimilarity(_store, query), Math.Max(ef, k), filter, context);
            while (context.Results.Count > k)
            {
                context.Results.Pop();
            }

            return context.Results.DrainDescending(results[..Math.Min(k, results.Length)]);
        }
        finally
        {
            _contexts.Add(context);
        }
    }

    /// <summary>
    /// As <see cref="Search(ReadOnlySpan{float}, int, int, Span{ScoredId}, Func{int, bool})"/>, but the walk scores int8
    /// <paramref name="codes"/> of this graph's store (d bytes per visited vector instead of 4·d), then re-scores its best
    /// <paramref name="rescoreDepth"/> in full precision; the beam holds at least that many. Scores returned are exact.
    /// </summary>
    public int Search(ReadOnlySpan<float> query, int k, int ef, Span<ScoredId> results, Int8Codes codes, int rescoreDepth, Func<int, bool>? filter = null)
    {
        ValidateQuery(query);
        ArgumentNullException.ThrowIfNull(codes);
        if (rescoreDepth < 1)
        {
            throw LodestarException.Invalid($"The re-scoring depth must be positive, got {rescoreDepth}.");
        }

        if (k < 1 || _entryPoint < 0)
        {
            return 0;
        }

        codes.Sync(_store);
        var depth = Math.Max(k, rescoreDepth);
        var context = RentContext();
        try
        {
            Walk(new Int8Similarity(codes, query, context.QueryCodes(query.Length)), Math.Max(ef, depth), filter, context);
            while (context.Results.Count > depth)
            {
                context.Results.Pop();
            }

            var exact = context.Candidates;
            exact.Clear();
            while (context.Results.Count > 0)
            {
                var id = context.Results.Pop().Id;
                exact.PushBounded(id, _store.Similarity(query, id), k);
            }

            return exact.DrainDescending(results[..Math.Min(k, results.Length)]);
        }
        finally
        {
            _contexts.Add(context);
        }
    }

    public IReadOnlyList<ScoredId> Search(ReadOnlySpan<float> query, int k, int ef, Func<int, bool>? filter = null)
    {
        var buffer = new ScoredId[Math.Max(k, 0)];
        var found = Search(query, k, ef, buffer, filter);
        return found == buffer.Length ? buffer : buffer[..found];
    }

    private int DrawLevel()
    {
        var level = (int)(-Math.Log(1.0 - _random.NextDouble()) * _levelMultiplier);
        return Math.Min(level, MaxLevel);
    }

    private Span<int> Links(int id, int layer) => layer == 0
        ? _links0.AsSpan(id * (M0 + 1), M0 + 1)
        : _upperLinks[id].AsSpan((layer - 1) * (M + 1), M + 1);

    private void ValidateQuery(ReadOnlySpan<float> query)
    {
        if (query.Length != _store.Dimensions)
        {
            throw LodestarException.Invalid($"Query has {query.Length} dimensions, the graph expects {_store.Dimensions}.");
        }
    }

    private HnswSearchContext RentContext() => _contexts.TryTake(out var pooled) ? pooled : new HnswSearchContext();

    /// <summary>Greedy descent through the upper layers, then the level-0 beam; leaves up to <paramref name="ef"/> results in the context.</summary>
    private void Walk<TSimilarity>(TSimilarity similarity, int ef, Func<int, bool>? filter, HnswSearchContext context)
        where TSimilarity : IQuerySimilarity, allows ref struct
    {
        var entry = new ScoredId(_entryPoint, similarity.Score(_entryPoint));
        for (var layer = _topLevel; layer > 0; layer--)
        {
            entry = GreedyClosest(similarity, entry, layer);
        }

        context.Reset(_levels.Length);
        SearchLayer(similarity, entry, ef, 0, filter, context);
    }

    private ScoredId GreedyClosest<TSimilarity>(TSimilarity similarity, ScoredId entry, int layer)
        where TSimilarity : IQuerySimilarity, allows ref struct
    {
        var improved = true;
        while (improved)
        {
            improved = false;
            var links = Links(entry.Id, layer);
            for (var i = 1; i <= links[0]; i++)
            {
                var score = similarity.Score(links[i]);
                if (score > entry.Score)
                {
                    entry = new ScoredId(links[i], score);
                    improved = true;
                }
            }
        }

        return entry;
    }

    /// <summary>Best-first beam search of one layer; leaves up to <paramref name="ef"/> accepted nodes in the context's result heap.</summary>
    private void SearchLayer<TSimilarity>(TSimilarity similarity, ScoredId entry, int ef, int layer, Func<int, bool>? filter, HnswSearchContext context)
        where TSimilarity : IQuerySimilarity, allows ref struct
    {
        var candidates = context.Candidates;
        var results = context.Results;
        context.TryVisit(entry.Id);
        candidates.Push(entry.Id, -entry.Score);
        if (filter is null || filter(entry.Id))
        {
            results.Push(entry.Id, entry.Score);
        }

        while (candidates.Count > 0)
        {
            var current = candidates.Pop();
            if (results.Count >= ef && -current.Score < results.Top.Score)
            {
                break;
            }

            var links = Links(current.Id, layer);
            var degree = links[0];
            for (var i = 1; i <= degree; i++)
            {
                var neighbour = links[i];
                if (!context.TryVisit(neighbour))
                {
                    continue;
                }

                var score = similarity.Score(neighbour);
                if (results.Count < ef || score > results.Top.Score)
                {
                    candidates.Push(neighbour, -score);
                    if (filter is null || filter(neighbour))
                    {
                        results.PushBounded(neighbour, score, ef);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The paper's heuristic (Algorithm 4): walk candidates best first and keep one only if it is closer to the base
    /// than to every neighbour already kept, which spreads links across directions instead of one dense cluster.
    /// </summary>
    private void SelectNeighbours(List<ScoredId> sortedCandidates, int max, List<ScoredId> selected)
    {
        selected.Clear();
        foreach (var candidate in sortedCandidates)
        {
            if (selected.Count >= max)
            {
                break;
            }

            var diverse = true;
            var vector = _store.Get(candidate.Id);
            foreach (var kept in selected)
            {
                if (_store.Similarity(vector, kept.Id) > candidate.Score)
                {
                    diverse = false;
                    break;
                }
            }

            if (diverse)
            {
                selected.Add(candidate);
            }
        }
    }

    /// <summary>Adds the back link node → newcomer, re-running the heuristic over the node's links when it is full.</summary>
    private void Connect(int node, int newcomer, float score, int layer)
    {
        var links = Links(node, layer);
        var max = layer == 0 ? M0 : M;
        var degree = links[0];
        if (degree < max)
        {
            links[degree + 1] = newcomer;
            links[0] = degree + 1;
            return;
        }

        var nodeVector = _store.Get(node);
        _scratch.Clear();
        _scratch.Add(new ScoredId(newcomer, score));
        for (var i = 1; i <= degree; i++)
        {
            _scratch.Add(new ScoredId(links[i], _store.Similarity(nodeVector, links[i])));
        }

        _scratch.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        SelectNeighbours(_scratch, max, _pruned);
        links[0] = _pruned.Count;
        for (var i = 0; i < _pruned.Count; i++)
        {
            links[i + 1] = _pruned[i].Id;
        }
    }

    private void EnsureNodeCapacity(int nodes)
    {
        if (nodes <= _levels.Length)
        {
            return;
        }

        var capacity = Math.Max(nodes, Math.Max(_levels.Length * 3 / 2, 1024));
        Array.Resize(ref _levels, capacity);
        Array.Resize(ref _upperLinks, capacity);
        Array.Resize(ref _links0, checked(capacity * (M0 + 1)));
    }
}
