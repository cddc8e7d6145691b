namespace Lodestar.Governance.Identity;

/// <summary>
/// A stored API key. Only the SHA-256 of the presented key is kept; <see cref="KeyId"/> is the public part
/// of the key that finds the row without scanning.
/// </summary>
public sealed record ApiKey(
    string KeyId,
    string UserId,
    string TenantId,
    IReadOnlyList<string> Roles,
    byte[] SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);
}
