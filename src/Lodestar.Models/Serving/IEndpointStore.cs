namespace Lodestar.Models.Serving;

/// <summary>Where endpoint deployments persist; saves use optimistic concurrency on <see cref="EndpointDeployment.RowVersion"/>.</summary>
public interface IEndpointStore
{
    Task<EndpointDeployment?> GetAsync(string tenantId, string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<EndpointDeployment>> ListAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>The current row version, or 0 when the endpoint does not exist: a cheap staleness check.</summary>
    Task<long> GetRowVersionAsync(string tenantId, string name, CancellationToken cancellationToken = default);

    /// <summary>Writes the deployment if its row version still equals <paramref name="expectedRowVersion"/>; Conflict otherwise.</summary>
    Task<EndpointDeployment> SaveAsync(EndpointDeployment deployment, long expectedRowVersion, CancellationToken cancellationToken = default);
}
