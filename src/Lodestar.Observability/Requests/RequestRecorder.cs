using System.Threading.Channels;

namespace Lodestar.Observability.Requests;

/// <summary>
/// Buffers request samples in memory so serving a request never waits on the database; a background loop
/// flushes them to the <see cref="IRequestLog"/>. When the buffer is full the oldest samples are dropped.
/// </summary>
/// <remarks>
/// At tens of thousands of requests per second one row per request costs more than serving them, so a flush keeps
/// at most <see cref="SamplesPerStratum"/> samples per (second, tenant, method, route, status), drawn uniformly
/// (reservoir sampling), each weighted by how many requests it stands for. Counts and error rates stay exact and
/// latency percentiles are estimated from an unbiased sample of every stratum.
/// </remarks>
public sealed class RequestRecorder(IRequestLog log)
{
    public const int Capacity = 50_000;
    public const int SamplesPerStratum = 32;
    private const int BatchSize = 1_000;

    private readonly Channel<RequestSample> _pending = Channel.CreateBounded<RequestSample>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    public void Record(RequestSample sample) => _pending.Writer.TryWrite(sample);

    /// <summary>Writes everything buffered so far; returns how many sample rows were written.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        var strata = new Dictionary<Stratum, RequestReservoir>();
        while (_pending.Reader.TryRead(out var sample))
        {
            var key = new Stratum(sample.At.ToUnixTimeSeconds(), sample.TenantId, sample.Method, sample.Route, sample.Status);
            if (!strata.TryGetValue(key, out var reservoir))
            {
                strata[key] = reservoir = new RequestReservoir(SamplesPerStratum);
            }

            reservoir.Offer(sample);
        }

        var written = 0;
        var batch = new List<RequestSample>(BatchSize);
        foreach (var reservoir in strata.Values)
        {
            reservoir.DrainInto(batch);
            if (batch.Count >= BatchSize)
            {
                await log.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
                written += batch.Count;
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await log.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
            written += batch.Count;
        }

        return written;
    }

    private readonly record struct Stratum(long Second, string? TenantId, string Method, string Route, int Status);
}
