using Lodestar.Core;

namespace Lodestar.Models.Registry;

/// <summary>Model and alias names: 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
public static class ModelNames
{
    public static string Validate(string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        var valid = name.Length is > 0 and <= 100 && char.IsAsciiLetterOrDigit(name[0]);
        foreach (var c in name)
        {
            valid &= char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
        }

        return valid ? name : throw LodestarException.Invalid($"invalid {what} name '{name}': use 1-100 letters, digits, '.', '_' or '-'");
    }

    /// <summary>An alias is a name that is not a number, so <c>NAME@3</c> can never be mistaken for a version.</summary>
    public static string ValidateAlias(string alias)
    {
        Validate(alias, "alias");
        return int.TryParse(alias, out _)
            ? throw LodestarException.Invalid($"alias '{alias}' looks like a version number; use a word such as 'champion'")
            : alias;
    }
}
