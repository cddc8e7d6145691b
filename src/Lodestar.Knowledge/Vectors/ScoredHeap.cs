namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// Array-backed binary min-heap of <see cref="ScoredId"/> by score; reused across searches so hot loops allocate nothing.
/// A max-heap is the same heap fed negated scores.
/// </summary>
internal sealed class ScoredHeap(int initialCapacity = 64)
{
    private ScoredId[] _items = new ScoredId[Math.Max(initialCapacity, 4)];

    public int Count { get; private set; }

    public ScoredId Top => _items[0];

    public void Clear() => Count = 0;

    public void Push(int id, float score)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        var i = Count++;
        var item = new ScoredId(id, score);
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_items[parent].Score <= score)
            {
                break;
            }

            _items[i] = _items[parent];
            i = parent;
        }

        _items[i] = item;
    }

    /// <summary>Keeps the <paramref name="capacity"/> highest scores seen: pushes while not full, then replaces the lowest when beaten.</summary>
    public void PushBounded(int id, float score, int capacity)
    {
        if (Count < capacity)
        {
            Push(id, score);
        }
        else if (score > _items[0].Score)
        {
            ReplaceTop(id, score);
        }
    }

    public ScoredId Pop()
    {
        var top = _items[0];
        var last = _items[--Count];
        if (Count > 0)
        {
            SiftDown(last);
        }

        return top;
    }

    public void ReplaceTop(int id, float score) => SiftDown(new ScoredId(id, score));

    /// <summary>Empties the heap into <paramref name="destination"/> best (highest score) first; returns how many were written.</summary>
    public int DrainDescending(Span<ScoredId> destination)
    {
        var n = Count;
        for (var i = n - 1; i >= 0; i--)
        {
            var item = Pop();
            if (i < destination.Length)
            {
                destination[i] = item;
            }
        }

        return Math.Min(n, destination.Length);
    }

    private void SiftDown(ScoredId item)
    {
        var i = 0;
        var n = Count;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= n)
            {
                break;
            }

            if (child + 1 < n && _items[child + 1].Score < _items[child].Score)
            {
                child++;
            }

            if (_items[child].Score >= item.Score)
            {
                break;
            }

            _items[i] = _items[child];
            i = child;
        }

        _items[i] = item;
    }
}
