using System.Collections.Concurrent;
using Lodestar.Governance.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
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
    /// <summary>Per marked endpoint, the role sets its policy requires (each needs one role), or null when the policy asks for more than roles.</summary>
    private readonly ConcurrentDictionary<Endpoint, string[][]?> _requiredRoles = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not { RequestDelegate: { } endpointHandler } endpoint
            || endpoint.Metadata.GetMetadata<ApiKeyFastPathMetadata>() is null
            || throttle.HasRecentFailures
            || await RequiredRolesAsync(endpoint).ConfigureAwait(false) is not { } requiredRoles
            || PresentedCredential.Read(context.Request) is not { Length: > 0 } presented
            || ApiKeyFormat.TryGetKeyId(presented) is not { } keyId
            || await apiKeys.AuthenticateAsync(presented, context.RequestAborted).ConfigureAwait(false) is not { } principal
            || !HoldsAll(principal, requiredRoles))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var anonymous = context.User;
        context.User = LodestarAuthenticationHandler.SignedInWithKey(principal, keyId);
        using var lease = limits.Limiter.AttemptAcquire(context);
        if (!lease.IsAcquired)
        {
            context.User = anonymous;
            await next(context).ConfigureAwait(false);
            return;
        }

        await endpointHandler(context).ConfigureAwait(false);
    }

    private static bool HoldsAll(Core.Principal principal, string[][] requiredRoles)
    {
        foreach (var anyOf in requiredRoles)
        {
            if (!Array.Exists(anyOf, principal.IsInRole))
            {
                return false;
            }
        }

        return true;
    }

    private async ValueTask<string[][]?> RequiredRolesAsync(Endpoint endpoint)
    {
        if (_requiredRoles.TryGetValue(endpoint, out var known))
        {
            return known;
        }

        // The policy the authorization middleware would enforce for this endpoint, combined the same way.
        var policy = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
            ? await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()).ConfigureAwait(false)
            : null;
        var roles = policy is null ? null : RolesOnly(policy);
        _requiredRoles[endpoint] = roles;
        return roles;
    }

    /// <summary>The policy's role sets when it is only "signed in with the default scheme and holding roles"; null for anything else.</summary>
    private static string[][]? RolesOnly(AuthorizationPolicy policy)
    {
        if (policy.AuthenticationSchemes.Any(scheme => scheme != LodestarAuthenticationHandler.SchemeName))
        {
            return null;
        }

        var roleSets = new List<string[]>();
        foreach (var requirement in policy.Requirements)
        {
            switch (requirement)
            {
                case DenyAnonymousAuthorizationRequirement:
                    break;
                case RolesAuthorizationRequirement roles:
                    roleSets.Add([.. roles.AllowedRoles]);
                    break;
                default:
                    return null;
            }
        }

        return [.. roleSets];
    }
}
