using System.Globalization;
using Lodestar.Core;

namespace Lodestar.Server.Security;

/// <summary>Abuse limits: requests per API key (or token subject) and per tenant, and failed sign-ins per client.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Requests one credential may make per <see cref="Window"/>.</summary>
    public int RequestsPerCredential { get; init; } = 600;

    /// <summary>Requests all credentials of one tenant may make per <see cref="Window"/>.</summary>
    public int RequestsPerTenant { get; init; } = 3000;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins one client address (or one key id) may make per <see cref="FailedSignInWindow"/>.</summary>
    public int FailedSignIns { get; init; } = 10;

    public TimeSpan FailedSignInWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Reads <c>LODESTAR_RATE_LIMIT_CREDENTIAL</c>, <c>LODESTAR_RATE_LIMIT_TENANT</c> and <c>LODESTAR_SIGNIN_FAILURE_LIMIT</c> (per minute).</summary>
    public static RateLimitSettings FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var defaults = new RateLimitSettings();
        return new RateLimitSettings
        {
            RequestsPerCredential = Positive(read, "LODESTAR_RATE_LIMIT_CREDENTIAL") ?? defaults.RequestsPerCredential,
            RequestsPerTenant = Positive(read, "LODESTAR_RATE_LIMIT_TENANT") ?? defaults.RequestsPerTenant,
            FailedSignIns = Positive(read, "LODESTAR_SIGNIN_FAILURE_LIMIT") ?? defaults.FailedSignIns,
        };
    }

    private static int? Positive(Func<string, string?> read, string name) =>
        read(name) is not { Length: > 0 } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw LodestarException.Invalid($"{name} '{text}' is not a positive whole number");
}
