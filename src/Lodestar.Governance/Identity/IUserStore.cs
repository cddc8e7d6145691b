namespace Lodestar.Governance.Identity;

/// <summary>Persists user accounts; implemented in Lodestar.Storage.</summary>
public interface IUserStore
{
    /// <summary>Adds the user; returns false when the user id is already taken (in any tenant).</summary>
    Task<bool> TryAddAsync(UserAccount user, CancellationToken cancellationToken = default);

    /// <summary>Replaces the user's groups and roles; returns false when the user does not exist.</summary>
    Task<bool> UpdateAsync(string userId, IReadOnlyList<string> groups, IReadOnlyList<string> roles, CancellationToken cancellationToken = default);

    Task<UserAccount?> FindAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>All users of <paramref name="tenantId"/>, or of every tenant when it is null, ordered by tenant then id.</summary>
    Task<IReadOnlyList<UserAccount>> ListAsync(string? tenantId, CancellationToken cancellationToken = default);
}
