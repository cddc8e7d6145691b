namespace Lodestar.Observability.Requests;

/// <summary>Durable log of request samples, the source of request-rate, error and latency series.</summary>
public interface IRequestLog
{
    Task AppendAsync(IReadOnlyList<RequestSample> samples, CancellationToken cancellationToken = default);

    /// <summary>Samples in [<paramref name="from"/>, <paramref name="to"/>), of one tenant or (null) all.</summary>
    Task<IReadOnlyList<RequestSample>> ReadAsync(DateTimeOffset from, DateTimeOffset to, string? tenantId, CancellationToken cancellationToken = default);

    /// <summary>Deletes samples older than <paramref name="before"/> (retention); returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
