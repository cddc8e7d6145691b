namespace Lodestar.Observability.Requests;

/// <summary>A uniform sample of at most <c>capacity</c> requests of one stratum (Vitter's algorithm R), weighted on drain.</summary>
internal sealed class RequestReservoir(int capacity)
{
    private readonly List<RequestSample> _kept = new(Math.Min(capacity, 8));
    private long _seen;
    private double _weightSeen;

    public void Offer(RequestSample sample)
    {
        _seen++;
        _weightSeen += sample.Weight;
        if (_kept.Count < capacity)
        {
            _kept.Add(sample);
            return;
        }

        var slot = Random.Shared.NextInt64(_seen);
        if (slot < capacity)
        {
            _kept[(int)slot] = sample;
        }
    }

    /// <summary>Adds the kept samples to <paramref name="batch"/>, each weighted so the weights sum to the requests seen.</summary>
    public void DrainInto(List<RequestSample> batch)
    {
        var share = _weightSeen / Math.Max(_kept.Count, 1);
        foreach (var sample in _kept)
        {
            batch.Add(_seen == _kept.Count ? sample : sample with { Weight = share });
        }
    }
}
