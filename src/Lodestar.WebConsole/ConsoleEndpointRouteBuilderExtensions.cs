using Lodestar.WebConsole.Components;
using Lodestar.WebConsole.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.WebConsole;

/// <summary>Maps the console's pages under <c>/console</c>, its embedded assets, and <c>/</c> as a redirect to it.</summary>
public static class ConsoleEndpointRouteBuilderExtensions
{
    /// <summary>Needs <c>UseAuthentication</c>, <c>UseAuthorization</c> and <c>UseAntiforgery</c> in the pipeline, in that order.</summary>
    public static IEndpointRouteBuilder MapLodestarConsole(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => TypedResults.Redirect("/console")).ExcludeFromDescription().AllowAnonymous();
        endpoints.MapGet("/console/assets/{name}", ConsoleAssets.Serve).ExcludeFromDescription().AllowAnonymous();
        // Every page endpoint (and Blazor's own helper routes) needs a console session unless the page says otherwise.
        endpoints.MapRazorComponents<App>().RequireAuthorization(ConsolePolicies.SignedIn);
        return endpoints;
    }
}
