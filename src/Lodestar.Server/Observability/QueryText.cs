using System.Globalization;
using Lodestar.Core;

namespace Lodestar.Server.Observability;

/// <summary>Values in query strings and bodies: durations as a whole number with a unit (<c>30s</c>, <c>5m</c>, <c>1h</c>, <c>7d</c>) and enum names in any case.</summary>
internal static class QueryText
{
    public static TimeSpan ParseDuration(string? text, TimeSpan fallback, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        text = text.Trim();
        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount is > 0 and <= 100_000)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        throw LodestarException.Invalid($"{what} '{text}' is not a duration like 30s, 5m, 1h or 7d");
    }

    public static T ParseEnum<T>(string? text, string what)
        where T : struct, Enum =>
        Enum.TryParse<T>(text?.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : throw LodestarException.Invalid($"{what} must be one of: {string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}");
}
