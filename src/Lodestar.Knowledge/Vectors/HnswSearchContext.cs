namespace Lodestar.Knowledge.Vectors;

/// <summary>Per-search scratch space (visited marks and heaps), pooled so concurrent searches never share or allocate it.</summary>
internal sealed class HnswSearchContext
{
    private int[] _visited = [];
    private int _tag;
    private sbyte[] _queryCodes = [];

    public ScoredHeap Candidates { get; } = new();

    public ScoredHeap Results { get; } = new();

    /// <summary>Starts a new search over <paramref name="nodeCapacity"/> ids; earlier visit marks become stale without clearing memory.</summary>
    public void Reset(int nodeCapacity)
    {
        if (_visited.Length < nodeCapacity)
        {
            _visited = new int[Math.Max(nodeCapacity, _visited.Length * 2)];
            _tag = 0;
        }

        if (++_tag == int.MaxValue)
        {
            Array.Clear(_visited);
            _tag = 1;
        }

        Candidates.Clear();
        Results.Clear();
    }

    /// <summary>Scratch for a quantised query of <paramref name="dimensions"/> components.</summary>
    public Span<sbyte> QueryCodes(int dimensions)
    {
        if (_queryCodes.Length < dimensions)
        {
            _queryCodes = new sbyte[dimensions];
        }

        return _queryCodes.AsSpan(0, dimensions);
    }

    /// <summary>Marks <paramref name="id"/> visited; false when it already was in this search.</summary>
    public bool TryVisit(int id)
    {
        ref var mark = ref _visited[id];
        if (mark == _tag)
        {
            return false;
        }

        mark = _tag;
        return true;
    }
}
