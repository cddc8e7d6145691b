using System.Globalization;
using Lodestar.Core;

namespace Lodestar.Server.Security;

/// <summary>
/// OIDC/JWT bearer sign-in: which issuer and audience to trust, where its signing keys are, and which claims
/// name the user, groups, tenant and roles. Enabled when an issuer is configured (<c>LODESTAR_OIDC_*</c>).
/// </summary>
public sealed class JwtBearerSettings
{
    /// <summary>Only asymmetric algorithms: a shared-secret (HS*) or unsigned token can never pass.</summary>
    public static IReadOnlyList<string> SupportedAlgorithms { get; } = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"];

    public required string Issuer { get; init; }

    public required string Audience { get; init; }

    /// <summary>The identity provider's JWKS document (https, or http on loopback only).</summary>
    public Uri? JwksUrl { get; init; }

    /// <summary>A JWKS file on this machine, re-read when a token names a key it does not hold.</summary>
    public string? JwksFile { get; init; }

    public IReadOnlyList<string> Algorithms { get; init; } = ["RS256", "ES256"];

    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long fetched keys are trusted before a refresh.</summary>
    public TimeSpan JwksRefreshInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>An unknown key id triggers a refresh at most this often, so forged kids cannot flood the provider.</summary>
    public TimeSpan JwksMinimumRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan JwksTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string UserClaim { get; init; } = "sub";

    public string GroupsClaim { get; init; } = "groups";

    public string TenantClaim { get; init; } = "tenant";

    public string RolesClaim { get; init; } = "roles";

    /// <summary>The tenant of tokens without a tenant claim.</summary>
    public string DefaultTenant { get; init; } = Principal.DefaultTenant;

    /// <summary>Roles of tokens without a roles claim.</summary>
    public IReadOnlyList<string> DefaultRoles { get; init; } = [Role.Member];

    /// <summary>Reads <c>LODESTAR_OIDC_*</c>; null when no issuer is configured (JWT sign-in off).</summary>
    public static JwtBearerSettings? FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var issuer = read("LODESTAR_OIDC_ISSUER");
        if (string.IsNullOrWhiteSpace(issuer))
        {
            return null;
        }

        var defaults = new JwtBearerSettings { Issuer = issuer, Audience = string.Empty };
        var url = read("LODESTAR_OIDC_JWKS_URL");
        var settings = new JwtBearerSettings
        {
            Issuer = issuer,
            Audience = read("LODESTAR_OIDC_AUDIENCE") ?? string.Empty,
            JwksUrl = string.IsNullOrWhiteSpace(url) ? null
                : Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri
                : throw LodestarException.Invalid($"LODESTAR_OIDC_JWKS_URL '{url}' is not an absolute URL"),
            JwksFile = NullIfBlank(read("LODESTAR_OIDC_JWKS_FILE")),
            Algorithms = List(read("LODESTAR_OIDC_ALGORITHMS")) ?? defaults.Algorithms,
            ClockSkew = Seconds(read("LODESTAR_OIDC_CLOCK_SKEW_SECONDS"), "LODESTAR_OIDC_CLOCK_SKEW_SECONDS") ?? defaults.ClockSkew,
            UserClaim = NullIfBlank(read("LODESTAR_OIDC_USER_CLAIM")) ?? defaults.UserClaim,
            GroupsClaim = NullIfBlank(read("LODESTAR_OIDC_GROUPS_CLAIM")) ?? defaults.GroupsClaim,
            TenantClaim = NullIfBlank(read("LODESTAR_OIDC_TENANT_CLAIM")) ?? defaults.TenantClaim,
            RolesClaim = NullIfBlank(read("LODESTAR_OIDC_ROLES_CLAIM")) ?? defaults.RolesClaim,
            DefaultTenant = NullIfBlank(read("LODESTAR_OIDC_DEFAULT_TENANT")) ?? defaults.DefaultTenant,
            DefaultRoles = List(read("LODESTAR_OIDC_DEFAULT_ROLES")) ?? defaults.DefaultRoles,
        };
        settings.Validate();
        return settings;
    }

    /// <summary>Fails start-up on a configuration that would accept forged tokens or never accept any.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Issuer) || string.IsNullOrWhiteSpace(Audience))
        {
            throw LodestarException.Invalid("JWT sign-in needs both an issuer and an audience (LODESTAR_OIDC_ISSUER, LODESTAR_OIDC_AUDIENCE)");
        }

        if ((JwksUrl is null) == (JwksFile is null))
        {
            throw LodestarException.Invalid("JWT sign-in needs exactly one key source: LODESTAR_OIDC_JWKS_URL or LODESTAR_OIDC_JWKS_FILE");
        }

        if (JwksUrl is not null && JwksUrl.Scheme != Uri.UriSchemeHttps && !(JwksUrl.Scheme == Uri.UriSchemeHttp && JwksUrl.IsLoopback))
        {
            throw LodestarException.Invalid($"the JWKS URL must use https (plain http only on loopback): {JwksUrl}");
        }

        if (Algorithms.Count == 0)
        {
            throw LodestarException.Invalid("JWT sign-in needs at least one signing algorithm");
        }

        foreach (var algorithm in Algorithms)
        {
            if (!SupportedAlgorithms.Contains(algorithm, StringComparer.Ordinal))
            {
                throw LodestarException.Invalid($"signing algorithm '{algorithm}' is not allowed: use one of {string.Join(", ", SupportedAlgorithms)}");
            }
        }

        foreach (var role in DefaultRoles)
        {
            if (!Role.All.Contains(role, StringComparer.Ordinal))
            {
                throw LodestarException.Invalid($"unknown default role '{role}': use {string.Join(", ", Role.All)}");
            }
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string[]? List(string? value) =>
        NullIfBlank(value)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static TimeSpan? Seconds(string? value, string name) =>
        NullIfBlank(value) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds)
        : throw LodestarException.Invalid($"{name} '{text}' is not a whole number of seconds");
}
