using Lodestar.Core;
using Lodestar.Governance.Tenancy;

namespace Lodestar.Governance.Identity;

/// <summary>Registers and looks up users; every change is written to the audit trail.</summary>
public sealed class UserDirectory(IUserStore store, IAuditLog auditLog, TimeProvider timeProvider, SignInCache? signIns = null) : IPrincipalResolver
{
    public async Task<UserAccount> AddAsync(Principal actor, NewUser request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var user = new UserAccount(
            Identifier.Require(request.UserId, "user id"),
            Identifier.Require(request.TenantId ?? Principal.DefaultTenant, "tenant"),
            Identifier.RequireAll(request.Groups, "group"),
            Roles.Parse(request.Roles),
            timeProvider.GetUtcNow());
        if (!await store.TryAddAsync(user, cancellationToken).ConfigureAwait(false))
        {
            throw LodestarException.Conflict($"user '{user.UserId}' already exists");
        }

        await auditLog.AppendAsync(
            new AuditEvent(user.TenantId, actor.UserId, "user.added", "user:" + user.UserId, new Dictionary<string, string>
            {
                ["groups"] = string.Join(',', user.Groups),
                ["roles"] = string.Join(',', user.Roles),
            }),
            cancellationToken).ConfigureAwait(false);
        return user;
    }

    /// <summary>
    /// Changes a user's groups and/or roles (null keeps them). Existing API keys narrow at once: a key's roles are
    /// intersected with its user's current roles at every sign-in.
    /// </summary>
    public async Task<UserAccount> UpdateAsync(Principal actor, string userId, IReadOnlyList<string>? groups, IReadOnlyList<string>? roles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await GetAsync(userId, cancellationToken).ConfigureAwait(false);
        var updated = user with
        {
            Groups = groups is null ? user.Groups : Identifier.RequireAll(groups, "group"),
            Roles = roles is null ? user.Roles : Roles.Parse(roles),
        };
        if (!await store.UpdateAsync(updated.UserId, updated.Groups, updated.Roles, cancellationToken).ConfigureAwait(false))
        {
            throw LodestarException.NotFound($"unknown user '{userId}'");
        }

        signIns?.Invalidate();
        await auditLog.AppendAsync(
            new AuditEvent(user.TenantId, actor.UserId, "user.changed", "user:" + user.UserId, new Dictionary<string, string>
            {
                ["groups"] = string.Join(',', updated.Groups),
                ["roles"] = string.Join(',', updated.Roles),
                ["previousGroups"] = string.Join(',', user.Groups),
                ["previousRoles"] = string.Join(',', user.Roles),
            }),
            cancellationToken).ConfigureAwait(false);
        return updated;
    }

    public Task<IReadOnlyList<UserAccount>> ListAsync(string? tenantId, CancellationToken cancellationToken = default) =>
        store.ListAsync(tenantId is null ? null : Identifier.Require(tenantId, "tenant"), cancellationToken);

    public async Task<UserAccount> GetAsync(string userId, CancellationToken cancellationToken = default) =>
        await store.FindAsync(Identifier.Require(userId, "user id"), cancellationToken).ConfigureAwait(false)
        ?? throw LodestarException.NotFound($"unknown user '{userId}'");

    public async Task<Principal> ResolveAsync(string userId, CancellationToken cancellationToken = default) =>
        (await GetAsync(userId, cancellationToken).ConfigureAwait(false)).ToPrincipal();
}
