using System.Security.Claims;
using Lodestar.Core;
using Lodestar.WebConsole.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Security;

/// <summary>
/// The console's OIDC sign-in: authorization code flow with PKCE (S256), state and nonce. <c>GET /console/sign-in/sso</c>
/// sends the browser to the provider; <c>GET /console/signin-oidc</c> checks the state, redeems the code, validates the
/// id token like a bearer token (<see cref="JwtTokenValidator"/>) and opens the console cookie session. Any failure
/// audits <c>auth.failed</c> and lands on the sign-in page with a fixed message, never a 500.
/// </summary>
internal static class ConsoleOidcEndpoints
{
    public const string StartPath = "/console/sign-in/sso";

    public static IEndpointRouteBuilder MapConsoleSingleSignOn(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<OidcProviderClient>() is null)
        {
            return endpoints;
        }

        endpoints.MapGet(StartPath, StartAsync).ExcludeFromDescription().AllowAnonymous();
        endpoints.MapGet(ConsoleSingleSignOn.CallbackPath, CallbackAsync).ExcludeFromDescription().AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> StartAsync(HttpContext context, string? returnUrl, OidcProviderClient provider, ConsoleOidcSettings settings, IDataProtectionProvider protection, TimeProvider time)
    {
        OidcEndpoints endpoints;
        try
        {
            endpoints = await provider.DiscoverAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (LodestarException unavailable) when (unavailable.Kind == ErrorKind.Unavailable)
        {
            return Failed("unavailable");
        }

        var state = OidcSignInState.Start(ConsoleCookie.LocalReturnUrl(returnUrl), time.GetUtcNow());
        context.Response.Cookies.Append(OidcSignInState.CookieName, state.Protect(protection), new CookieOptions
        {
            HttpOnly = true,
            // Lax, not Strict: the provider's redirect back is a cross-site top-level navigation that must carry it.
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = ConsoleSingleSignOn.CallbackPath,
            MaxAge = settings.MaxSignInDuration,
        });
        var authorize = QueryHelpers.AddQueryString(endpoints.Authorization.AbsoluteUri, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = settings.ClientId,
            ["redirect_uri"] = RedirectUri(context, settings).AbsoluteUri,
            ["scope"] = string.Join(' ', settings.Scopes),
            ["state"] = state.State,
            ["nonce"] = state.Nonce,
            ["code_challenge"] = state.Challenge,
            ["code_challenge_method"] = "S256",
        });
        return Results.Redirect(authorize);
    }

    private static async Task<IResult> CallbackAsync(HttpContext context, OidcProviderClient provider, JwtTokenValidator validator, ConsoleOidcSettings settings,
        IDataProtectionProvider protection, ConsoleIdentity identity, IAuditLog audit, TimeProvider time)
    {
        var query = context.Request.Query;
        var started = OidcSignInState.Unprotect(protection, context.Request.Cookies[OidcSignInState.CookieName]);
        // One use only: whatever happens next, this sign-in's state is spent.
        context.Response.Cookies.Delete(OidcSignInState.CookieName, new CookieOptions { Path = ConsoleSingleSignOn.CallbackPath });
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (started is null || !started.Matches(query["state"]) || time.GetUtcNow() - started.StartedAt > settings.MaxSignInDuration)
        {
            return await RefuseAsync(audit, address, "state", started is null ? "no sign-in started in this browser" : "state mismatch or expired", context.RequestAborted).ConfigureAwait(false);
        }

        if (!string.IsNullOrEmpty(query["error"]) || string.IsNullOrEmpty(query["code"]))
        {
            // The provider's error code is logged to the trail but never shown: it is attacker-controllable text.
            return await RefuseAsync(audit, address, "provider", "provider error: " + Truncate(query["error"].ToString()), context.RequestAborted).ConfigureAwait(false);
        }

        Principal? principal;
        string? failure;
        try
        {
            var idToken = await provider.RedeemAsync(query["code"]!, started.Verifier, RedirectUri(context, settings), context.RequestAborted).ConfigureAwait(false);
            (principal, failure) = await validator.ValidateIdTokenAsync(idToken, settings.ClientId, started.Nonce, context.RequestAborted).ConfigureAwait(false);
        }
        catch (LodestarException error) when (error.Kind == ErrorKind.Unavailable)
        {
            return await RefuseAsync(audit, address, "unavailable", error.Message, context.RequestAborted).ConfigureAwait(false);
        }
        catch (LodestarException error) when (error.Kind == ErrorKind.Invalid)
        {
            return await RefuseAsync(audit, address, "provider", error.Message, context.RequestAborted).ConfigureAwait(false);
        }

        if (principal is null)
        {
            return await RefuseAsync(audit, address, "token", failure ?? "invalid id token", context.RequestAborted).ConfigureAwait(false);
        }

        var user = identity.ToClaims(principal, ConsoleCookie.Scheme, keyId: null);
        ((ClaimsIdentity)user.Identity!).AddClaim(new Claim(ConsoleSingleSignOn.SessionClaim, "oidc"));
        await context.SignInAsync(ConsoleCookie.Scheme, user).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEvent(principal.TenantId, principal.UserId, "auth.signin", "console",
            new Dictionary<string, string> { ["method"] = "oidc", ["ip"] = address }), context.RequestAborted).ConfigureAwait(false);
        return Continue(started.ReturnUrl);
    }

    private static async Task<IResult> RefuseAsync(IAuditLog audit, string address, string code, string reason, CancellationToken cancellationToken)
    {
        await audit.AppendAsync(new AuditEvent(Principal.DefaultTenant, "anonymous", "auth.failed", "ip:" + address,
            new Dictionary<string, string> { ["method"] = "oidc", ["reason"] = reason }), cancellationToken).ConfigureAwait(false);
        return Failed(code);
    }

    private static IResult Failed(string code) =>
        Results.Redirect($"{ConsoleCookie.SignInPath}?{ConsoleSingleSignOn.FailureQuery}={code}");

    /// <summary>
    /// A same-site page that moves on by itself: the session cookie is SameSite=Strict, and a redirect chain begun by the
    /// provider's (cross-site) navigation would not send it to the next page.
    /// </summary>
    private static IResult Continue(string returnUrl)
    {
        var target = System.Net.WebUtility.HtmlEncode(returnUrl);
        return Results.Content(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={target}\"><title>Signed in · Lodestar</title></head>" +
            $"<body><p>Signed in. <a href=\"{target}\">Continue to the console</a>.</p></body></html>",
            "text/html; charset=utf-8");
    }

    private static Uri RedirectUri(HttpContext context, ConsoleOidcSettings settings) =>
        settings.RedirectUri ?? new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{ConsoleSingleSignOn.CallbackPath}");

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64];
}
