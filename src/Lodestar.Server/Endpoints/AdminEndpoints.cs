using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>
/// Tenant administration: users, groups, roles and API keys of the caller's own tenant. A user or key of another
/// tenant answers exactly like a missing one (404), so nothing reveals what exists elsewhere.
/// </summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/me", (HttpContext context) => TypedResults.Ok(context.GetPrincipal())).WithTags("Identity").RequireAuthorization(Policies.Authenticated);
        var group = endpoints.MapGroup("/v1").WithTags("Administration").RequireAuthorization(Policies.Administer);
        group.MapGet("/users", ListUsersAsync);
        group.MapPost("/users", AddUserAsync);
        group.MapPatch("/users/{id}", UpdateUserAsync);
        group.MapGet("/groups", ListGroupsAsync);
        group.MapGet("/keys", ListKeysAsync);
        group.MapPost("/keys", CreateKeyAsync);
        group.MapDelete("/keys/{id}", RevokeKeyAsync);
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<UserAccount>>> ListUsersAsync(HttpContext context, UserDirectory users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.ListAsync(context.GetPrincipal().TenantId, cancellationToken).ConfigureAwait(false));

    private static async Task<Created<UserAccount>> AddUserAsync(UserBody? body, HttpContext context, UserDirectory users, CancellationToken cancellationToken)
    {
        var actor = context.GetPrincipal();
        var user = await users.AddAsync(actor, new NewUser(body?.Id ?? string.Empty, actor.TenantId, body?.Groups, body?.Roles), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/users/{user.UserId}", user);
    }

    private static async Task<Ok<UserAccount>> UpdateUserAsync(string id, UserChangeBody? body, HttpContext context, UserDirectory users, CancellationToken cancellationToken)
    {
        var actor = context.GetPrincipal();
        if (body?.Groups is null && body?.Roles is null)
        {
            throw LodestarException.Invalid("send 'groups' and/or 'roles' to change");
        }

        await RequireSameTenantAsync(users, actor, id, cancellationToken).ConfigureAwait(false);
        if (string.Equals(id, actor.UserId, StringComparison.Ordinal) && body.Roles is not null && !body.Roles.Contains(Role.Admin, StringComparer.OrdinalIgnoreCase))
        {
            // Keeps a tenant from losing its last way back in by accident.
            throw LodestarException.Invalid("an administrator cannot remove their own admin role");
        }

        return TypedResults.Ok(await users.UpdateAsync(actor, id, body.Groups, body.Roles, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<IReadOnlyList<GroupSummary>>> ListGroupsAsync(HttpContext context, UserDirectory users, CancellationToken cancellationToken)
    {
        var members = await users.ListAsync(context.GetPrincipal().TenantId, cancellationToken).ConfigureAwait(false);
        var groups = members.SelectMany(user => user.Groups.Select(group => (group, user.UserId)))
            .GroupBy(pair => pair.group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupSummary(g.Key, g.Select(pair => pair.UserId).ToList()))
            .ToList();
        return TypedResults.Ok<IReadOnlyList<GroupSummary>>(groups);
    }

    private static async Task<Ok<IReadOnlyList<KeySummary>>> ListKeysAsync(string? user, HttpContext context, ApiKeyService keys, CancellationToken cancellationToken)
    {
        var tenant = context.GetPrincipal().TenantId;
        var now = DateTimeOffset.UtcNow;
        var all = await keys.ListAsync(user, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<KeySummary>>(all.Where(key => key.TenantId == tenant).Select(key => KeySummary.Of(key, now)).ToList());
    }

    private static async Task<Created<CreatedKey>> CreateKeyAsync(KeyBody? body, HttpContext context, UserDirectory users, ApiKeyService keys, CancellationToken cancellationToken)
    {
        var actor = context.GetPrincipal();
        await RequireSameTenantAsync(users, actor, body?.User ?? string.Empty, cancellationToken).ConfigureAwait(false);
        var lifetime = body?.Expires is { } text ? ApiKeyLifetime.Parse(text) : (TimeSpan?)null;
        var issued = await keys.CreateAsync(actor, body!.User!, body.Roles, lifetime, cancellationToken).ConfigureAwait(false);
        var created = new CreatedKey(issued.Key.KeyId, issued.Key.UserId, issued.Key.Roles, issued.Key.ExpiresAt, issued.Secret);
        return TypedResults.Created($"/v1/keys/{created.KeyId}", created);
    }

    private static async Task<Ok<KeySummary>> RevokeKeyAsync(string id, HttpContext context, ApiKeyService keys, CancellationToken cancellationToken)
    {
        var actor = context.GetPrincipal();
        var key = await keys.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (key.TenantId != actor.TenantId)
        {
            throw LodestarException.NotFound($"unknown key '{id}'");
        }

        return TypedResults.Ok(KeySummary.Of(await keys.RevokeAsync(actor, id, cancellationToken).ConfigureAwait(false), DateTimeOffset.UtcNow));
    }

    /// <summary>Another tenant's user gets the same 404 as an unknown one.</summary>
    private static async Task RequireSameTenantAsync(UserDirectory users, Principal actor, string userId, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user.TenantId != actor.TenantId)
        {
            throw LodestarException.NotFound($"unknown user '{userId}'");
        }
    }

    internal sealed record UserBody(string? Id, IReadOnlyList<string>? Groups, IReadOnlyList<string>? Roles);

    internal sealed record UserChangeBody(IReadOnlyList<string>? Groups, IReadOnlyList<string>? Roles);

    internal sealed record KeyBody(string? User, IReadOnlyList<string>? Roles, string? Expires);

    internal sealed record GroupSummary(string Group, IReadOnlyList<string> Members);

    internal sealed record CreatedKey(string KeyId, string UserId, IReadOnlyList<string> Roles, DateTimeOffset? ExpiresAt, string Key);

    internal sealed record KeySummary(string KeyId, string UserId, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string Status)
    {
        public static KeySummary Of(ApiKey key, DateTimeOffset now) => new(
            key.KeyId, key.UserId, key.Roles, key.CreatedAt, key.ExpiresAt, key.RevokedAt,
            key.RevokedAt is not null ? "revoked" : key.IsActiveAt(now) ? "active" : "expired");
    }
}
