using System.Security.Claims;
using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Governance.Tenancy;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lodestar.Server.Security;

/// <summary>
/// Validates a bearer JWT (signature by a JWKS key, allowed algorithm, issuer, audience, lifetime within the
/// clock skew) and maps its claims to a <see cref="Principal"/>. Returns the failure reason instead of throwing.
/// </summary>
internal sealed class JwtTokenValidator(JwtBearerSettings settings, JwksKeySource keys)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;

    /// <summary>A bearer token for the HTTP API: its audience must be the configured API audience.</summary>
    public Task<(Principal? Principal, string? Failure)> ValidateAsync(string token, CancellationToken cancellationToken) =>
        ValidateAsync(token, settings.Audience, expectedNonce: null, cancellationToken);

    /// <summary>
    /// An OIDC id token from the console's code flow: same keys, algorithms, issuer, lifetime and claim mapping as a bearer
    /// token, but issued to the console's client id and carrying the nonce the sign-in started with.
    /// </summary>
    public Task<(Principal? Principal, string? Failure)> ValidateIdTokenAsync(string token, string clientId, string nonce, CancellationToken cancellationToken) =>
        ValidateAsync(token, clientId, nonce, cancellationToken);

    private async Task<(Principal? Principal, string? Failure)> ValidateAsync(string token, string audience, string? expectedNonce, CancellationToken cancellationToken)
    {
        JsonWebToken parsed;
        try
        {
            parsed = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return (null, "malformed token");
        }

        // Checked before any key lookup: 'none' and HS* never reach signature validation.
        if (!settings.Algorithms.Contains(parsed.Alg, StringComparer.Ordinal))
        {
            return (null, $"algorithm '{parsed.Alg}' is not allowed");
        }

        var signingKeys = await keys.GetKeysAsync(string.IsNullOrEmpty(parsed.Kid) ? null : parsed.Kid, cancellationToken).ConfigureAwait(false);
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = signingKeys,
            ValidAlgorithms = settings.Algorithms,
            ClockSkew = settings.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            TryAllIssuerSigningKeys = string.IsNullOrEmpty(parsed.Kid),
        }).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return (null, result.Exception?.GetType().Name ?? "invalid token");
        }

        // A replayed or injected id token carries another sign-in's nonce (OIDC Core §3.1.3.7).
        if (expectedNonce is not null && !(result.ClaimsIdentity.FindFirst("nonce")?.Value is { } nonce && ConstantTimeText.Matches(nonce, expectedNonce)))
        {
            return (null, "nonce mismatch");
        }

        try
        {
            return (Map(result.ClaimsIdentity), null);
        }
        catch (LodestarException error)
        {
            return (null, error.Message);
        }
    }

    private Principal Map(ClaimsIdentity identity)
    {
        var user = Identifier.Require(identity.FindFirst(settings.UserClaim)?.Value, $"claim '{settings.UserClaim}'");
        var tenant = Identifier.Require(identity.FindFirst(settings.TenantClaim)?.Value ?? settings.DefaultTenant, $"claim '{settings.TenantClaim}'");
        var groups = Identifier.RequireAll(identity.FindAll(settings.GroupsClaim).Select(claim => claim.Value), $"claim '{settings.GroupsClaim}'");
        var roleClaims = identity.FindAll(settings.RolesClaim).Select(claim => claim.Value).ToList();
        // Unknown role names from the provider are ignored rather than trusted.
        var roles = roleClaims.Count == 0 ? settings.DefaultRoles : roleClaims.Where(role => Role.All.Contains(role, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        return new Principal(tenant, user, groups, roles);
    }
}
