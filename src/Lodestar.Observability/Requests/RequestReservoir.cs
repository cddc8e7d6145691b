namespace Lodestar.Observability.Requests;

/// <summary>A uniform sample of at most <c>capacity</c> requests of one stratum (Vitter's algorithm R), weighted on drain.</summary>
internal sealed class RequestReservoir(int capacity)
{
    private readonly List<RequestSample> _kept = new(Math.Min(capacity, 8));
    private long _seen;

    /// <summary>Counts one more request and returns the slot its sample goes to, or -1 when it is not kept.</summary>
    public int Offer()
    {
        _seen++;
        if (_kept.Count < capacity)
        {
            return _kept.Count;
        }

        var slot = Random.Shared.NextInt64(_seen);
        return slot < capacity ? (int)slot : -1;
    }

    public void Keep(int slot, RequestSample sample)
    {
        if (slot == _kept.Count)
        {
            _kept.Add(sample);
        }
        else
        {
            _kept[slot] = sample;
        }
    }

    /// <summary>Adds the kept samples to <paramref name="batch"/>, each weighted so the weights sum to the requests seen.</summary>
    public void DrainInto(List<RequestSample> batch)
    {
        var share = (double)_seen / Math.Max(_kept.Count, 1);
        foreach (var sample in _kept)
        {
            batch.Add(_seen == _kept.Count ? sample : sample with { Weight = share });
        }
    }
}
