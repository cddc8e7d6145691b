using Lodestar.Governance.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.WebConsole.Security;

/// <summary>
/// The console's cookie session. Pages redirect to sign-in or to the forbidden page; console API routes answer
/// 401/403 instead, since a script cannot follow a redirect to an HTML page.
/// </summary>
public static class ConsoleCookie
{
    public const string Scheme = "LodestarConsole";

    public const string SignInPath = "/console/sign-in";

    public const string ForbiddenPath = "/console/forbidden";

    /// <summary>Console routes called by scripts, never navigated to.</summary>
    public const string ApiPrefix = "/console/api";

    /// <summary>
    /// A session lasts a working day and slides with use, and ends as soon as its key is revoked or expires. The key's
    /// roles are captured at sign-in, so demoting a user takes effect at their next sign-in.
    /// </summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    internal static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "lodestar.console";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = Lifetime;
        options.SlidingExpiration = true;
        options.LoginPath = SignInPath;
        options.AccessDeniedPath = ForbiddenPath;
        options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        options.Events.OnValidatePrincipal = EndIfKeyRevokedAsync;
    }

    /// <summary>Only a path on this site: an open redirect would let a link sign someone in and send them elsewhere.</summary>
    public static string LocalReturnUrl(string? url) =>
        url is { Length: > 1 } && url[0] == '/' && url[1] is not '/' and not '\\' && url.StartsWith("/console", StringComparison.Ordinal) ? url : "/console";

    /// <summary>
    /// Every request re-reads a key session's key (one indexed lookup), so revoking it signs the browser out. A single
    /// sign-on session has no key: the identity provider vouched for it at sign-in, and it ends with the cookie's lifetime.
    /// </summary>
    private static async Task EndIfKeyRevokedAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.HasClaim(claim => claim.Type == ConsoleSingleSignOn.SessionClaim) == true)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var keyId = context.Principal is { } user ? services.GetRequiredService<ConsoleIdentity>().KeyIdOf(user) : null;
        var key = keyId is null ? null : await services.GetRequiredService<IApiKeyStore>().FindAsync(keyId, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (key is null || !key.IsActiveAt(services.GetRequiredService<TimeProvider>().GetUtcNow()))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme).ConfigureAwait(false);
        }
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
