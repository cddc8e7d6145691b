namespace Lodestar.Server.Security;

/// <summary>Marks an endpoint whose API-key callers take the <see cref="ApiKeyFastPath"/>.</summary>
internal sealed class ApiKeyFastPathMetadata
{
    public static readonly ApiKeyFastPathMetadata Instance = new();

    private ApiKeyFastPathMetadata()
    {
    }
}
