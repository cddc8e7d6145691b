namespace Lodestar.Knowledge.Indexing;

/// <summary>
/// Bounded min-heap of the best k (score, segment, doc) candidates. Ties go to the earlier document
/// (lower segment index, then lower doc id), which makes results deterministic for a given commit history.
/// </summary>
internal sealed class TopKCollector(int capacity)
{
    private readonly float[] _scores = new float[capacity];
    private readonly int[] _segments = new int[capacity];
    private readonly int[] _docs = new int[capacity];

    public int Count { get; private set; }

    public bool IsFull => Count == _scores.Length;

    /// <summary>Score a candidate must beat to enter once the heap is full (candidates arrive in doc order).</summary>
    public float Threshold => IsFull ? _scores[0] : float.NegativeInfinity;

    public void Add(float score, int segment, int doc)
    {
        if (!IsFull)
        {
            _scores[Count] = score;
            _segments[Count] = segment;
            _docs[Count] = doc;
            SiftUp(Count++);
            return;
        }

        _scores[0] = score;
        _segments[0] = segment;
        _docs[0] = doc;
        SiftDown(0);
    }

    /// <summary>Best first.</summary>
    public (float Score, int Segment, int Doc)[] ToSortedArray()
    {
        var result = new (float Score, int Segment, int Doc)[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = (_scores[i], _segments[i], _docs[i]);
        }

        Array.Sort(result, static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var bySegment = a.Segment.CompareTo(b.Segment);
            return bySegment != 0 ? bySegment : a.Doc.CompareTo(b.Doc);
        });
        return result;
    }

    /// <summary>True when entry i ranks below entry j.</summary>
    private bool Worse(int i, int j)
    {
        if (_scores[i] != _scores[j])
        {
            return _scores[i] < _scores[j];
        }

        return _segments[i] != _segments[j] ? _segments[i] > _segments[j] : _docs[i] > _docs[j];
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Worse(i, parent))
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= Count)
            {
                return;
            }

            var worst = left + 1 < Count && Worse(left + 1, left) ? left + 1 : left;
            if (!Worse(worst, i))
            {
                return;
            }

            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int i, int j)
    {
        (_scores[i], _scores[j]) = (_scores[j], _scores[i]);
        (_segments[i], _segments[j]) = (_segments[j], _segments[i]);
        (_docs[i], _docs[j]) = (_docs[j], _docs[i]);
    }
}
