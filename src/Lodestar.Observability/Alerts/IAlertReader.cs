namespace Lodestar.Observability.Alerts;

/// <summary>Reads a tenant's alert events, newest first: the console's alerts page and <c>GET /v1/alerts</c>.</summary>
public interface IAlertReader
{
    Task<IReadOnlyList<AlertRecord>> ListAsync(string tenantId, DateTimeOffset since, int limit, CancellationToken cancellationToken = default);
}
