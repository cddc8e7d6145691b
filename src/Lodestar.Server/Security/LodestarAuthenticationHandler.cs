using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using Lodestar.Core;
using Lodestar.Governance.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lodestar.Server.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer …</c> or <c>X-Api-Key: …</c>: an API key (<c>lsk_…</c>) against the stored
/// hashes, or a JWT against the configured identity provider. Failures are audited (never with the secret) and
/// throttled per client address and key id; a throttled caller gets 429 with Retry-After.
/// </summary>
internal sealed class LodestarAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator apiKeys,
    SignInThrottle throttle,
    IAuditLog audit,
    IProblemDetailsService problems,
    JwtTokenValidator? jwt = null) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Lodestar";
    private const string ThrottledItem = "lodestar.signin.retry-after";

    /// <summary>Claims per cached principal; entries go with their principal when the sign-in cache drops it.</summary>
    private static readonly ConditionalWeakTable<Principal, SignedInUser> KeyClaims = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedCredential.Read(Request);
        if (presented.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var keyId = ApiKeyFormat.TryGetKeyId(presented);
        if (throttle.HasRecentFailures && throttle.RetryAfter(Partitions()) is { } retryAfter)
        {
            Context.Items[ThrottledItem] = retryAfter;
            return AuthenticateResult.Fail("too many failed sign-ins");
        }

        var useJwt = jwt is not null && keyId is null && JwtTokenValidator.LooksLikeJwt(presented);
        Principal? principal;
        string? failure;
        try
        {
            (principal, failure) = useJwt
                ? await jwt!.ValidateAsync(presented, Context.RequestAborted).ConfigureAwait(false)
                : (await apiKeys.AuthenticateAsync(presented, Context.RequestAborted).ConfigureAwait(false), "invalid, expired or revoked API key");
        }
        catch (LodestarException unavailable) when (unavailable.Kind == ErrorKind.Unavailable)
        {
            // The provider being down is not the caller's fault: no throttle, no audit record.
            return AuthenticateResult.Fail(unavailable.Message);
        }

        if (principal is null)
        {
            var address = Address();
            throttle.RecordFailure(Partitions());
            var details = new Dictionary<string, string> { ["method"] = useJwt ? "jwt" : "api-key", ["reason"] = failure ?? "invalid credential" };
            if (keyId is not null)
            {
                // The key id is the public half of a key; the secret never reaches the trail.
                details["keyId"] = keyId;
            }

            await audit.AppendAsync(new AuditEvent(Principal.DefaultTenant, "anonymous", "auth.failed", "ip:" + address, details), Context.RequestAborted).ConfigureAwait(false);
            return AuthenticateResult.Fail(failure ?? "invalid credential");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(useJwt ? ClaimsOf(principal, null) : SignedInWithKey(principal, presented), SchemeName));

        string Address() => Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

        string[] Partitions() => keyId is null ? ["ip:" + Address()] : ["ip:" + Address(), PrincipalClaims.KeyCredentialPrefix + keyId];
    }

    private static SignedInUser ClaimsOf(Principal principal, string? keyId) =>
        PrincipalClaims.ToClaims(principal, SchemeName, PrincipalClaims.Credential(principal, keyId));

    /// <summary>
    /// The sign-in cache hands out the same <see cref="Principal"/> for a key until the entry expires or is
    /// invalidated, so its claims are built once per entry, not per request; a new entry is a new principal.
    /// </summary>
    /// <param name="principal">Who <paramref name="verifiedKey"/> signed in as.</param>
    /// <param name="verifiedKey">The API key the principal was authenticated with (so it is well formed).</param>
    public static SignedInUser SignedInWithKey(Principal principal, string verifiedKey)
    {
        var keyId = ApiKeyFormat.KeyIdOf(verifiedKey);
        if (KeyClaims.TryGetValue(principal, out var known) && known.Credential.Length == PrincipalClaims.KeyCredentialPrefix.Length + keyId.Length && known.Credential.AsSpan().EndsWith(keyId, StringComparison.Ordinal))
        {
            return known;
        }

        var user = ClaimsOf(principal, keyId.ToString());
        KeyClaims.AddOrUpdate(principal, user);
        return user;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledItem] is not TimeSpan retryAfter)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
            await base.HandleChallengeAsync(properties).ConfigureAwait(false);
            return;
        }

        await RateLimitResponses.WriteAsync(Context, problems, retryAfter, "too many failed sign-ins from this client; wait before trying again").ConfigureAwait(false);
    }
}
