using Lodestar.Core;

namespace Lodestar.Governance.Identity;

/// <summary>Turns a user id (e.g. the CLI's <c>--user ID</c>) into the principal that acts.</summary>
public interface IPrincipalResolver
{
    /// <summary>Throws <see cref="LodestarException"/> (NotFound) for an unknown user.</summary>
    Task<Principal> ResolveAsync(string userId, CancellationToken cancellationToken = default);
}
