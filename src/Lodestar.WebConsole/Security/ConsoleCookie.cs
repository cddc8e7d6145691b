using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

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
    /// A session lasts a working day and slides with use; the key's roles are captured at sign-in, so demoting a user
    /// takes effect at their next sign-in (the API itself re-checks on every call).
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
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int apiStatus)
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
