using System.Security.Cryptography;
using Lodestar.Core;

namespace Lodestar.Governance.Identity;

/// <summary>
/// Turns a presented API key into the principal it stands for, or null. The principal's roles are the key's
/// roles that its user still holds, so demoting a user also narrows their existing keys. With a
/// <see cref="SignInCache"/>, a key verified a moment ago skips the two store reads.
/// </summary>
public sealed class ApiKeyAuthenticator(IApiKeyStore keys, IUserStore users, TimeProvider timeProvider, SignInCache? cache = null)
{
    /// <summary>A key verified a moment ago is answered synchronously from the cache, without a task.</summary>
    public ValueTask<Principal?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken = default)
    {
        if (!ApiKeyFormat.IsWellFormed(presentedKey))
        {
            return ValueTask.FromResult<Principal?>(null);
        }

        var keyId = ApiKeyFormat.KeyIdOf(presentedKey);
        return cache?.Find(keyId, presentedKey) is { } remembered
            ? ValueTask.FromResult<Principal?>(remembered)
            : new ValueTask<Principal?>(VerifyAsync(keyId.ToString(), presentedKey, cancellationToken));
    }

    private async Task<Principal?> VerifyAsync(string keyId, string presentedKey, CancellationToken cancellationToken)
    {
        // Hash even when the id is unknown so that both paths cost the same.
        var presentedHash = ApiKeyFormat.Hash(presentedKey);

        var generation = cache?.Generation ?? 0;
        var key = await keys.FindAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (key is null || !CryptographicOperations.FixedTimeEquals(presentedHash, key.SecretHash) || !key.IsActiveAt(timeProvider.GetUtcNow()))
        {
            return null;
        }

        var user = await users.FindAsync(key.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null || !string.Equals(user.TenantId, key.TenantId, StringComparison.Ordinal))
        {
            return null;
        }

        var roles = new List<string>();
        foreach (var role in key.Roles)
        {
            if (user.Roles.Contains(role, StringComparer.Ordinal))
            {
                roles.Add(role);
            }
        }

        var principal = new Principal(user.TenantId, user.UserId, user.Groups, roles);
        cache?.Remember(keyId, key, presentedKey, principal, generation);
        return principal;
    }
}
