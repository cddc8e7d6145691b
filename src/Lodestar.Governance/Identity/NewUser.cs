namespace Lodestar.Governance.Identity;

/// <summary>A request to register a user; null tenant means <c>default</c>, no roles means <c>member</c>.</summary>
public sealed record NewUser(string UserId, string? TenantId = null, IReadOnlyList<string>? Groups = null, IReadOnlyList<string>? Roles = null);
