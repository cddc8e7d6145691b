using System.Security.Claims;
using Lodestar.Governance.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Lodestar.Server.Security;

/// <summary>
/// The hot path of endpoints marked with <see cref="ApiKeyFastPathMetadata"/> (predict). A request that presents a
/// valid API key whose roles satisfy the endpoint's authorization policy, and gets a rate-limit permit, goes straight
/// to the endpoint, past ASP.NET Core's authentication, rate-limiting and authorization middleware (about a fifth of
/// a one-row prediction's CPU). The decisions are made by the same parts: the key authenticator and the sign-in
/// claims of <see cref="LodestarAuthenticationHandler"/>, the role requirements of the endpoint's own policy, and the
/// shared <see cref="RequestRateLimits"/>. Everything else (no key, a token, a wrong key, a missing role, no permit,
/// failed sign-ins lately) falls through to the full pipeline, which answers and audits as it always does, so this
/// path only serves what the full pipeline would serve too.
/// </summary>
internal sealed class ApiKeyFastPath(
    RequestDelegate next, ApiKeyAuthenticator apiKeys, SignInThrottle throttle, RequestRateLimits limits, IAuthorizationPolicyProvider policies)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not { RequestDelegate: { } endpointHandler } endpoint
            || endpoint.Metadata.GetMetadata<ApiKeyFastPathMetadata>() is not { } marked
            || throttle.HasRecentFailures
            || await RequiredRolesAsync(endpoint, marked).ConfigureAwait(false) is not { FastPathAllowed: true } requiredRoles
            || PresentedCredential.Read(context.Request) is not { Length: > 0 } presented
            || await apiKeys.AuthenticateAsync(presented, context.RequestAborted).ConfigureAwait(false) is not { } principal
            || !requiredRoles.HeldBy(principal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        // The limiter partitions by the signed-in user, so the user is set before asking for a permit.
        context.User = LodestarAuthenticationHandler.SignedInWithKey(principal, presented);
        using var lease = limits.Limiter.AttemptAcquire(context);
        if (!lease.IsAcquired)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            await next(context).ConfigureAwait(false);
            return;
        }

        await endpointHandler(context).ConfigureAwait(false);
    }

    private async ValueTask<RequiredRoles> RequiredRolesAsync(Endpoint endpoint, ApiKeyFastPathMetadata marked)
    {
        if (marked.RequiredRoles is { } known)
        {
            return known;
        }

        // The policy the authorization middleware enforces for this endpoint, combined the same way.
        var policy = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
            ? await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()).ConfigureAwait(false)
            : null;
        return marked.RequiredRoles = RequiredRoles.Of(policy);
    }
}
