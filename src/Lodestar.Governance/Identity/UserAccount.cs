using Lodestar.Core;

namespace Lodestar.Governance.Identity;

/// <summary>A registered user. User ids are unique across tenants so that <c>--user ID</c> needs no tenant.</summary>
public sealed record UserAccount(
    string UserId,
    string TenantId,
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt)
{
    public Principal ToPrincipal() => new(TenantId, UserId, Groups, Roles);
}
