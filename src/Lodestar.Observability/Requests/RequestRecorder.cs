namespace Lodestar.Observability.Requests;

/// <summary>
/// Samples requests in memory so serving a request never waits on the database; a background loop flushes them
/// to the <see cref="IRequestLog"/>.
/// </summary>
/// <remarks>
/// At tens of thousands of requests per second one row per request costs more than serving them, so each
/// (second, tenant, method, route, status) keeps at most <see cref="SamplesPerStratum"/> samples, drawn uniformly
/// (reservoir sampling) as requests arrive and weighted on flush by how many requests each stands for. Counts and
/// error rates stay exact at any rate, and memory is bounded by the number of strata, not by the request rate.
/// </remarks>
public sealed class RequestRecorder(IRequestLog log)
{
    public const int SamplesPerStratum = 32;

    /// <summary>Strata held between flushes; past it, requests of a kind not seen since the last flush are dropped.</summary>
    public const int MaxStrata = 20_000;

    private const int BatchSize = 1_000;

    private readonly Lock _lock = new();
    private Dictionary<Stratum, RequestReservoir> _strata = [];

    /// <summary>Counts one request; its sample is made only if the stratum's reservoir keeps it (most are not, under load).</summary>
    public void Record(DateTimeOffset at, string? tenantId, string method, string route, int status, double durationMs)
    {
        var key = new Stratum(at.ToUnixTimeSeconds(), tenantId, method, route, status);
        lock (_lock)
        {
            if (!_strata.TryGetValue(key, out var reservoir))
            {
                if (_strata.Count >= MaxStrata)
                {
                    return;
                }

                _strata[key] = reservoir = new RequestReservoir(SamplesPerStratum);
            }

            if (reservoir.Offer() is var slot and >= 0)
            {
                reservoir.Keep(slot, new RequestSample(at, tenantId, method, route, status, durationMs));
            }
        }
    }

    /// <summary>Writes everything sampled so far; returns how many sample rows were written.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        Dictionary<Stratum, RequestReservoir> strata;
        lock (_lock)
        {
            (strata, _strata) = (_strata, []);
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
