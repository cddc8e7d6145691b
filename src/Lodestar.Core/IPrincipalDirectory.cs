namespace Lodestar.Core;

/// <summary>Resolves a known user of a tenant to the principal that acts for them.</summary>
public interface IPrincipalDirectory
{
    /// <summary>Throws <see cref="LodestarException"/> (NotFound) for an unknown user.</summary>
    Task<Principal> GetPrincipalAsync(string tenantId, string userId, CancellationToken cancellationToken = default);
}
