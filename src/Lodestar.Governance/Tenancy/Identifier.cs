using Lodestar.Core;

namespace Lodestar.Governance.Tenancy;

/// <summary>
/// The one rule for tenant, user and group names: they appear in ACL subjects (<c>user:ID</c>), audit records
/// and file paths, so they stay short, printable and free of separators.
/// </summary>
public static class Identifier
{
    private const int MaxLength = 128;

    /// <summary>Returns <paramref name="value"/> trimmed, or throws <see cref="LodestarException"/> (Invalid) naming <paramref name="what"/>.</summary>
    public static string Require(string? value, string what)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw LodestarException.Invalid($"{what} must not be empty");
        }

        if (trimmed.Length > MaxLength)
        {
            throw LodestarException.Invalid($"{what} '{trimmed[..32]}...' is longer than {MaxLength} characters");
        }

        foreach (var c in trimmed)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-' or '@'))
            {
                throw LodestarException.Invalid($"{what} '{trimmed}' may only contain letters, digits, '.', '_', '-' and '@'");
            }
        }

        return trimmed;
    }

    /// <summary>Validates each name, drops duplicates and keeps the caller's order.</summary>
    public static IReadOnlyList<string> RequireAll(IEnumerable<string>? values, string what)
    {
        var result = new List<string>();
        foreach (var value in values ?? [])
        {
            var name = Require(value, what);
            if (!result.Contains(name, StringComparer.Ordinal))
            {
                result.Add(name);
            }
        }

        return result;
    }
}
