namespace Lodestar.Governance.Identity;

/// <summary>Persists API keys (hashes only); implemented in Lodestar.Storage.</summary>
public interface IApiKeyStore
{
    Task AddAsync(ApiKey key, CancellationToken cancellationToken = default);

    Task<ApiKey?> FindAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>Keys of <paramref name="userId"/>, or all keys when it is null, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(string? userId, CancellationToken cancellationToken = default);

    /// <summary>Marks the key revoked at <paramref name="revokedAt"/>; returns false when it was unknown or already revoked.</summary>
    Task<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default);
}
