using Microsoft.AspNetCore.Builder;

namespace Lodestar.Server.Security;

internal static class ApiKeyFastPathEndpointConventions
{
    /// <summary>Lets API-key callers of this endpoint skip the generic authentication, rate-limiting and authorization middleware (same decisions, see <see cref="ApiKeyFastPath"/>).</summary>
    public static TBuilder WithApiKeyFastPath<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ApiKeyFastPathMetadata());
}
