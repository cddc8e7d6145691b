using Lodestar.Core;
using Lodestar.Governance.Tenancy;

namespace Lodestar.Governance.Identity;

/// <summary>Creates, lists and revokes API keys; every change is written to the audit trail.</summary>
public sealed class ApiKeyService(IApiKeyStore keys, UserDirectory users, IAuditLog auditLog, TimeProvider timeProvider, SignInCache? signIns = null)
{
    /// <summary>
    /// Issues a key for <paramref name="userId"/>. <paramref name="roles"/> narrows the user's roles (null: all of
    /// them); a key can never carry a role its user lacks.
    /// </summary>
    public async Task<IssuedApiKey> CreateAsync(
        Principal actor, string userId, IReadOnlyList<string>? roles, TimeSpan? lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.GetAsync(userId, cancellationToken).ConfigureAwait(false);
        var keyRoles = roles is null || roles.Count == 0 ? user.Roles : Roles.Parse(roles);
        foreach (var role in keyRoles)
        {
            if (!user.Roles.Contains(role, StringComparer.Ordinal))
            {
                throw LodestarException.Invalid($"user '{user.UserId}' does not hold role '{role}', so a key cannot grant it");
            }
        }

        var now = timeProvider.GetUtcNow();
        var (keyId, secret) = ApiKeyFormat.Generate();
        var key = new ApiKey(keyId, user.UserId, user.TenantId, keyRoles, ApiKeyFormat.Hash(secret), now, now + lifetime, null);
        await keys.AddAsync(key, cancellationToken).ConfigureAwait(false);
        await auditLog.AppendAsync(
            new AuditEvent(user.TenantId, actor.UserId, "key.created", "key:" + keyId, new Dictionary<string, string>
            {
                ["user"] = user.UserId,
                ["roles"] = string.Join(',', keyRoles),
                ["expires"] = key.ExpiresAt?.ToString("O") ?? "never",
            }),
            cancellationToken).ConfigureAwait(false);
        return new IssuedApiKey(key, secret);
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(string? userId, CancellationToken cancellationToken = default) =>
        keys.ListAsync(userId is null ? null : Identifier.Require(userId, "user id"), cancellationToken);

    public async Task<ApiKey> GetAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var id = Identifier.Require(keyId, "key id");
        return await keys.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw LodestarException.NotFound($"unknown key '{id}'");
    }

    public async Task<ApiKey> RevokeAsync(Principal actor, string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var id = Identifier.Require(keyId, "key id");
        var key = await keys.FindAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw LodestarException.NotFound($"unknown key '{id}'");
        if (key.RevokedAt is not null)
        {
            throw LodestarException.Conflict($"key '{id}' was already revoked at {key.RevokedAt:O}");
        }

        var now = timeProvider.GetUtcNow();
        if (!await keys.RevokeAsync(id, now, cancellationToken).ConfigureAwait(false))
        {
            throw LodestarException.Conflict($"key '{id}' was revoked concurrently");
        }

        signIns?.Invalidate();

        await auditLog.AppendAsync(
            new AuditEvent(key.TenantId, actor.UserId, "key.revoked", "key:" + id, new Dictionary<string, string> { ["user"] = key.UserId }),
            cancellationToken).ConfigureAwait(false);
        return key with { RevokedAt = now };
    }
}
