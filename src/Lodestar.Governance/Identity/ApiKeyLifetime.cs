using System.Globalization;
using Lodestar.Core;

namespace Lodestar.Governance.Identity;

/// <summary>Parses key lifetimes such as <c>30d</c>, <c>12h</c> or <c>90m</c>.</summary>
public static class ApiKeyLifetime
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(3650);

    public static TimeSpan Parse(string text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length >= 2
            && int.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            && amount > 0)
        {
            TimeSpan? lifetime = char.ToLowerInvariant(trimmed[^1]) switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                _ => null,
            };
            if (lifetime is { } value && value <= Longest)
            {
                return value;
            }
        }

        throw LodestarException.Invalid($"invalid expiry '{text}' (expected e.g. 30d, 12h or 90m, at most 3650d)");
    }
}
