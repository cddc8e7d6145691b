using Microsoft.AspNetCore.Http;

namespace Lodestar.Server.Security;

/// <summary>The credential a request presents: <c>X-Api-Key: …</c>, else <c>Authorization: Bearer …</c>; empty when neither.</summary>
internal static class PresentedCredential
{
    public static string Read(HttpRequest request)
    {
        var presented = request.Headers["X-Api-Key"].ToString();
        var authorization = request.Headers.Authorization.ToString();
        if (presented.Length == 0 && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }

        return presented;
    }
}
