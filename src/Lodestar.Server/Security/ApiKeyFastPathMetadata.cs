namespace Lodestar.Server.Security;

/// <summary>Marks an endpoint whose API-key callers take the <see cref="ApiKeyFastPath"/>; one instance per endpoint.</summary>
internal sealed class ApiKeyFastPathMetadata
{
    private RequiredRoles? _requiredRoles;

    /// <summary>What the endpoint's policy asks of a caller, once the fast path has read it (the policy does not change while the host runs).</summary>
    public RequiredRoles? RequiredRoles
    {
        get => Volatile.Read(ref _requiredRoles);
        set => Volatile.Write(ref _requiredRoles, value);
    }
}
